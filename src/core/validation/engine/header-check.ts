/**
 * File-level checks of the header row against a template: missing and unknown columns (Broadleaf's
 * "Missing Required Header" / "Unknown Header", Wizart's "no changes in the structure of the
 * original CSV template"), duplicates, blanks, spellings the remote will not recognise, and the
 * language codes of language-keyed columns (ETIM's productName[en]).
 */
import { ISO_639_1 } from '../iso/languages';
import type { Issue, MappingResult, Severity, Template } from '../types';

const headerIssue = (
  rule: string,
  column: string | null,
  severity: Severity,
  message: string,
  fix?: string,
): Issue => {
  const issue: Issue = { row: null, column, value: column, rule, severity, message };
  if (fix !== undefined) issue.fix = fix;
  return issue;
};

function unknownMessage(template: Template, header: string, suggestion: string | undefined): string {
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  if (template.unknownColumns === 'error') {
    return `Column "${header}" is not in the ${template.name} template: the remote rejects the whole file.${hint}`;
  }
  return `Column "${header}" is not in the ${template.name} template: the remote ignores it.${hint}`;
}

export function checkHeaders(template: Template, headers: string[], result: MappingResult): Issue[] {
  const issues: Issue[] = [];
  const strict = template.unknownColumns === 'error';
  const suggestionOf = new Map(result.suggestions.map((s) => [s.index, s.candidates[0]?.target]));
  const seen = new Map<string, number>();
  headers.forEach((raw, i) => {
    const h = raw.trim();
    if (h === '') {
      issues.push(
        headerIssue(
          'header.empty',
          null,
          strict ? 'error' : 'warning',
          `Column ${i + 1} has no header: name it or delete the column.`,
        ),
      );
      return;
    }
    if (raw !== h) {
      issues.push(
        headerIssue(
          'header.spaces',
          raw,
          'warning',
          `Header "${raw}" has leading or trailing spaces: write "${h}" (the corrected file does).`,
          h,
        ),
      );
    }
    const first = seen.get(h);
    if (first !== undefined) {
      issues.push(
        headerIssue(
          'header.duplicate',
          h,
          strict ? 'error' : 'warning',
          `Header "${h}" appears in columns ${first + 1} and ${i + 1}: the remote reads only one of them. Rename or remove one.`,
        ),
      );
    } else seen.set(h, i);
  });
  for (const m of result.matches) {
    const h = m.header.trim();
    const rule = template.columns.find((c) => c.column === m.target);
    if (rule?.headerPattern && rule.headerLanguage) {
      const lang = new RegExp(rule.headerPattern).exec(h)?.[1] ?? '';
      if (!ISO_639_1.has(lang)) {
        const lower = lang.toLowerCase();
        const hint = ISO_639_1.has(lower) ? ` Write ${h.replace(lang, lower)}.` : '';
        issues.push(
          headerIssue(
            'header.language',
            m.header,
            'error',
            `"${lang}" in "${h}" is not an ISO 639-1 language code (en, de, pl…).${hint}`,
          ),
        );
      }
    }
    if (m.how === 'exact' || m.how === 'pattern' || h === m.target) continue;
    if (template.exactHeaders) {
      issues.push(
        headerIssue(
          'header.rename',
          m.header,
          'error',
          `Header "${h}" must be spelled exactly "${m.target}" for ${template.name}: the remote matches headers letter for letter (the corrected file renames it).`,
          m.target,
        ),
      );
    } else {
      issues.push(
        headerIssue('header.mapped', m.header, 'info', `Column "${h}" is read as "${m.target}" (${m.how}).`),
      );
    }
  }
  if (template.unknownColumns !== 'ignore') {
    result.mapping.forEach((target, i) => {
      const h = (headers[i] as string).trim();
      if (target !== null || h === '' || seen.get(h) !== i) return;
      issues.push(
        headerIssue(
          'header.unknown',
          h,
          template.unknownColumns as Severity,
          unknownMessage(template, h, suggestionOf.get(i)),
        ),
      );
    });
  }
  const mapped = new Set(result.mapping.filter((t): t is string => t !== null));
  for (const c of template.columns) {
    if (c.headerPattern || mapped.has(c.column)) continue;
    const needed = c.required || c.requiredHeader || template.allColumnsRequired;
    if (!needed) continue;
    const near = result.suggestions.find((s) => s.candidates[0]?.target === c.column);
    const hint = near ? ` Column "${near.header}" looks like it: rename it if it is.` : '';
    const why = c.required
      ? 'required'
      : template.allColumnsRequired
        ? 'part of the template, which must be kept whole'
        : 'a required header';
    issues.push(
      headerIssue(
        'header.missing',
        c.column,
        'error',
        `Column "${c.column}" is missing: it is ${why}.${hint}`,
      ),
    );
  }
  return issues;
}
