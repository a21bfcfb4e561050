/**
 * From a probe (the first rows and the file's format facts) to a plan: which row is the header,
 * which template applies (given, or detected from the headers with the reason in words), how the
 * columns map (explicit, remembered, matched), and the file-level issues: encoding, delimiter,
 * format and header problems.
 */
import { checkHeaders } from '../engine/header-check';
import { headerSignature, matchHeaders } from '../mapping';
import { encodingLabel } from '../read/encoding';
import { detectTemplate } from '../templates/registry';
import type { ColumnMapping, Issue, MappingResult, Severity, Template, ValidationReport } from '../types';
import type { ProbeResult } from '../worker/protocol';

export interface PlanInput {
  probe: ProbeResult;
  template?: Template;
  chosenBy?: 'given' | 'connection';
  candidates: readonly Template[];
  /** 1-based among the file's non-blank rows. */
  headerRow?: number;
  mapping?: ColumnMapping;
  recall?: (signature: string, template: Template) => ColumnMapping | undefined;
}

export interface PlanChoice {
  template: Template;
  templateInfo: ValidationReport['template'];
  headerIndex: number;
  headers: string[];
  signature: string;
  mapping: MappingResult;
  issues: Issue[];
}

const fileIssue = (
  rule: string,
  severity: Severity,
  message: string,
  value: string | null = null,
): Issue => ({
  row: null,
  column: null,
  value,
  rule,
  severity,
  message,
});

function pickHeaderRow(
  rows: string[][],
  template: Template | undefined,
  candidates: readonly Template[],
): number {
  let best = 0;
  let bestScore = -1;
  rows.slice(0, 5).forEach((row, i) => {
    const score = template
      ? matchHeaders(row, template, { suggest: false }).matches.length
      : (detectTemplate(row, candidates).ranking[0]?.matched ?? 0);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

function sourceIssues(probe: ProbeResult, template: Template): Issue[] {
  const s = probe.source;
  const out: Issue[] = [];
  if (s.format === 'xlsx' && template.formats && !template.formats.includes('xlsx')) {
    out.push(
      fileIssue(
        'file.format',
        'error',
        `${template.name} imports CSV files only: save the sheet as "CSV UTF-8" (or export the corrected file as CSV).`,
      ),
    );
  }
  if (s.sheets && s.sheets.length > 1) {
    out.push(
      fileIssue(
        'file.sheets',
        'info',
        `The workbook has ${s.sheets.length} sheets; "${s.sheet}" was checked (choose another sheet to check it). Importers read only one sheet.`,
        s.sheets.join(', '),
      ),
    );
  }
  if (s.encoding && s.encoding !== 'utf-8') {
    const label = encodingLabel(s.encoding);
    out.push(
      template.utf8Only
        ? fileIssue(
            'file.encoding',
            'error',
            `The file is encoded as ${label}; ${template.name} reads only UTF-8 and rejects it ("Error in the uploaded file"). Save it as "CSV UTF-8" (the corrected file is UTF-8).`,
            label,
          )
        : fileIssue(
            'file.encoding',
            'info',
            `The file is encoded as ${label} and was read as such; the corrected file is UTF-8.`,
            label,
          ),
    );
  }
  if (s.bom)
    out.push(
      fileIssue(
        'file.bom',
        'info',
        'The file starts with a UTF-8 byte-order mark (Excel\'s "CSV UTF-8"); the remotes skip it.',
      ),
    );
  if (template.delimiter && s.delimiter && s.delimiter !== template.delimiter) {
    const name = (d: string) =>
      ({ ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'pipes' })[d] ?? JSON.stringify(d);
    out.push(
      fileIssue(
        'file.delimiter',
        'error',
        `Values are separated by ${name(s.delimiter)}; ${template.name} reads only ${name(template.delimiter)}. Export with ${name(template.delimiter)} (the corrected file does).`,
        s.delimiter,
      ),
    );
  }
  return out;
}

export function choosePlan(input: PlanInput): PlanChoice {
  const rows = input.probe.rows;
  if (input.headerRow !== undefined && (input.headerRow < 1 || input.headerRow > rows.length)) {
    throw new Error(
      `Header row ${input.headerRow} is not among the first ${rows.length} non-blank rows of the file.`,
    );
  }
  const headerIndex =
    input.headerRow !== undefined
      ? input.headerRow - 1
      : pickHeaderRow(rows, input.template, input.candidates);
  const headers = rows[headerIndex] ?? [];
  let template = input.template;
  let templateInfo: ValidationReport['template'];
  if (template) {
    templateInfo = {
      id: template.id,
      name: template.name,
      chosen: input.chosenBy ?? 'given',
      reason: input.chosenBy === 'connection' ? "the only template of the connection's system" : 'given',
    };
  } else {
    const d = detectTemplate(headers, input.candidates);
    template = d.template;
    templateInfo = { id: template.id, name: template.name, chosen: 'detected', reason: d.reason };
  }
  const signature = headerSignature(headers);
  const remembered = input.recall?.(signature, template);
  const mapping = matchHeaders(headers, template, {
    explicit: input.mapping?.length === headers.length ? input.mapping : undefined,
    remembered: remembered?.length === headers.length ? remembered : undefined,
  });
  const issues = [...sourceIssues(input.probe, template), ...checkHeaders(template, headers, mapping)];
  if (headerIndex > 0) {
    issues.push(
      fileIssue(
        'header.row',
        template.exactHeaders ? 'error' : 'info',
        `The header is on row ${headerIndex + 1}; the ${headerIndex} row(s) above it are not data.${template.exactHeaders ? ' The remote reads the first row as the header: delete the rows above it (the corrected file does).' : ''}`,
      ),
    );
  }
  if (headers.length === 0)
    issues.push(fileIssue('file.no-rows', 'error', 'The file has no header row and no data.'));
  return { template, templateInfo, headerIndex, headers, signature, mapping, issues };
}
