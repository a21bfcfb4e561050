/**
 * The built-in templates (one or more per remote system), custom JSON templates from disk, and the
 * choice of a template from a file's headers when none is given.
 */
import { readFileSync } from 'node:fs';
import { StewardError } from '../../../shared/errors';
import { matchHeaders } from '../mapping';
import type { Template } from '../types';
import { BROADLEAF_TEMPLATES } from './broadleaf';
import { ETIM_TEMPLATES } from './etim';
import { PRINTXPAND_TEMPLATES } from './printxpand';
import { parseTemplateJson } from './schema';
import { WEXBO_TEMPLATES } from './wexbo';
import { WIZART_TEMPLATES } from './wizart';

export const BUILTIN_TEMPLATES: readonly Template[] = [
  ...BROADLEAF_TEMPLATES,
  ...WIZART_TEMPLATES,
  ...PRINTXPAND_TEMPLATES,
  ...ETIM_TEMPLATES,
  ...WEXBO_TEMPLATES,
];

export interface TemplateSummary {
  id: string;
  name: string;
  system: Template['system'];
  description: string;
  source: string | null;
  columns: string[];
  required: string[];
}

export function listTemplates(): TemplateSummary[] {
  return BUILTIN_TEMPLATES.map((t) => ({
    id: t.id,
    name: t.name,
    system: t.system,
    description: t.description ?? '',
    source: t.source ?? null,
    columns: t.columns.map((c) => c.column),
    required: t.columns.filter((c) => c.required).map((c) => c.column),
  }));
}

/** A built-in id (`broadleaf-product`), or the path of a custom template JSON file. */
export function loadTemplate(nameOrPath: string): Template {
  const wanted = nameOrPath.trim().toLowerCase();
  const builtin = BUILTIN_TEMPLATES.find((t) => t.id === wanted || t.name.toLowerCase() === wanted);
  if (builtin) return builtin;
  if (/\.json$/i.test(nameOrPath) || /[\\/]/.test(nameOrPath)) {
    let text: string;
    try {
      text = readFileSync(nameOrPath, 'utf8');
    } catch (err) {
      throw new StewardError(
        'not_found',
        `Cannot read the template ${nameOrPath}: ${(err as Error).message}`,
      );
    }
    return parseTemplateJson(text, nameOrPath);
  }
  throw new StewardError(
    'not_found',
    `No template "${nameOrPath}". Built-in templates: ${BUILTIN_TEMPLATES.map((t) => t.id).join(', ')}; or give the path of a template .json file.`,
  );
}

/** A template made from the file's own headers: structure and spreadsheet pitfalls only. */
export function genericTemplate(headers: string[]): Template {
  const seen = new Set<string>();
  const columns = headers
    .map((h) => h.trim())
    .filter((h) => h !== '' && !seen.has(h) && seen.add(h))
    .map((column) => ({ column }));
  return {
    id: 'generic',
    name: 'Generic file check (structure and spreadsheet pitfalls)',
    system: 'custom',
    unknownColumns: 'ignore',
    columns,
  };
}

export interface Detection {
  template: Template;
  reason: string;
  ranking: { id: string; score: number; matched: number; requiredMissing: number }[];
}

function score(headers: string[], template: Template) {
  const result = matchHeaders(headers, template, { suggest: false });
  const matched = result.matches.length;
  const known = new Set(result.matches.map((m) => m.target)).size;
  const required = template.columns.filter((c) => c.required || c.requiredHeader);
  const requiredMissing = required.filter((c) => result.missing.includes(c.column)).length;
  const unknown = headers.filter((h) => h.trim() !== '').length - matched;
  // Share of the file's headers the template knows, and of the template the file covers.
  const value =
    matched === 0
      ? 0
      : matched / (matched + unknown) + known / template.columns.length - requiredMissing * 0.25;
  return { score: Math.round(value * 1000) / 1000, matched, requiredMissing };
}

/** Picks the template whose columns best match the headers, with the reason in words. */
export function detectTemplate(
  headers: string[],
  candidates: readonly Template[] = BUILTIN_TEMPLATES,
): Detection {
  const ranking = candidates
    .map((t) => ({ id: t.id, ...score(headers, t) }))
    .sort((a, b) => b.score - a.score || a.requiredMissing - b.requiredMissing);
  const best = ranking[0];
  const template = best && best.matched > 0 ? candidates.find((t) => t.id === best.id) : undefined;
  if (!best || !template) {
    return {
      template: genericTemplate(headers),
      reason: 'no built-in template knows these headers: checked structure and spreadsheet pitfalls only',
      ranking,
    };
  }
  const next = ranking[1];
  const missing = best.requiredMissing
    ? `, ${best.requiredMissing} required column(s) missing`
    : ', all required columns present';
  const runnerUp = next && next.matched > 0 ? ` (next: ${next.id}, ${next.matched} matching)` : '';
  return {
    template,
    reason: `${best.matched} of ${headers.length} headers match ${template.id}${missing}${runnerUp}`,
    ranking,
  };
}
