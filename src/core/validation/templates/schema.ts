/**
 * Custom templates are JSON files a catalog manager writes for a supplier feed. The file itself is
 * checked with zod (unknown keys are errors, so a typo like "requierd" is reported rather than
 * silently ignored), and every regular expression is compiled before a run starts.
 */
import { z } from 'zod';
import { describeIssues, StewardError } from '../../../shared/errors';
import { ROW_RULES, VALUE_TYPES } from '../types';
import type { Template } from '../types';

const compiles = (flags: string) => (source: string) => {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
};

const Bounds = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, 'min must not exceed max');

const Severity = z.enum(['error', 'warning', 'info']);

const ColumnRuleSchema = z
  .strictObject({
    column: z.string().trim().min(1, 'a column needs a name'),
    aliases: z.array(z.string().min(1)).optional(),
    headerPattern: z.string().refine(compiles(''), 'not a valid regular expression').optional(),
    headerLanguage: z.boolean().optional(),
    type: z.enum(VALUE_TYPES).optional(),
    required: z.boolean().optional(),
    requiredHeader: z.boolean().optional(),
    unique: z.boolean().optional(),
    uniqueIgnoreCase: z.boolean().optional(),
    pattern: z.string().refine(compiles('u'), 'not a valid regular expression').optional(),
    patternMessage: z.string().optional(),
    enum: z.array(z.string()).min(1, 'an enum needs at least one value').optional(),
    enumIgnoreCase: z.boolean().optional(),
    range: Bounds.optional(),
    length: Bounds.optional(),
    list: z.string().min(1).optional(),
    requiredMessage: z.string().optional(),
    severity: Severity.optional(),
    source: z.string().optional(),
  })
  .refine((c) => !c.range || c.type === 'integer' || c.type === 'float', {
    message: 'range needs type integer or float',
    path: ['range'],
  });

export const TemplateFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use a-z, 0-9, ".", "_" and "-"')
    .optional(),
  name: z.string().trim().min(1, 'the template needs a name'),
  description: z.string().optional(),
  source: z.string().optional(),
  unknownColumns: z.enum(['error', 'warning', 'info', 'ignore']).default('warning'),
  exactHeaders: z.boolean().optional(),
  allColumnsRequired: z.boolean().optional(),
  utf8Only: z.boolean().optional(),
  delimiter: z.string().length(1).optional(),
  rowsRequired: z.boolean().optional(),
  formats: z
    .array(z.enum(['csv', 'xlsx']))
    .min(1)
    .optional(),
  columns: z.array(ColumnRuleSchema).min(1, 'a template needs at least one column'),
  images: z
    .strictObject({
      column: z.string().min(1),
      separator: z.string().min(1).optional(),
      maxBytes: z.number().int().positive().optional(),
    })
    .optional(),
  rowRules: z.array(z.enum(ROW_RULES)).optional(),
});

/**
 * Checks across columns, made on the raw JSON so they are reported together with the per-field
 * problems (zod skips an object's refinements once one of its fields failed).
 */
function crossChecks(json: unknown): string[] {
  const t = json as { columns?: unknown; images?: { column?: unknown } } | null;
  if (!t || !Array.isArray(t.columns)) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  t.columns.forEach((c: unknown, i: number) => {
    const name = (c as { column?: unknown } | null)?.column;
    if (typeof name !== 'string') return;
    if (seen.has(name.toLowerCase())) out.push(`template.columns.${i}.column: "${name}" is listed twice`);
    seen.add(name.toLowerCase());
  });
  const image = t.images?.column;
  if (typeof image === 'string' && !seen.has(image.toLowerCase())) {
    out.push(`template.images.column: no column "${image}"`);
  }
  return out;
}

/** Parses a template file's text; throws a StewardError listing every problem, one per line. */
export function parseTemplateJson(text: string, fileName: string): Template {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StewardError(
      'invalid_input',
      `Template ${fileName} is not valid JSON: ${(err as Error).message}`,
    );
  }
  const parsed = TemplateFileSchema.safeParse(json);
  const cross = crossChecks(json);
  if (!parsed.success || cross.length > 0) {
    const lines = [...(parsed.success ? [] : describeIssues(parsed.error, 'template')), ...cross];
    throw new StewardError('invalid_input', `Template ${fileName} is not valid:\n  ${lines.join('\n  ')}`, {
      issues: lines,
    });
  }
  const { $schema: _schema, id, ...rest } = parsed.data;
  const fallbackId = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.json$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-');
  return { ...rest, id: id ?? `custom-${fallbackId}`, system: 'custom' };
}
