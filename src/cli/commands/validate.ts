/**
 * `steward validate FILE [--images ZIP] [--template NAME|PATH] [--connection NAME] [--json]`:
 * pre-flight validation from scripts. Exit 0 when the file is clean (info notes allowed), 1 when
 * errors or warnings were found, 2 when the file (or the template) cannot be read, with the reason.
 * With a data folder the run is saved (validation_run) and the connection's remembered column
 * mappings are used.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openStore } from '../../core/db/open';
import { DATABASE_FILE } from '../../core';
import type { Store } from '../../core/db/open';
import { findConnection } from '../../core/db/tables/connection';
import {
  BUILTIN_TEMPLATES,
  loadTemplate,
  mappingRecaller,
  saveRun,
  validateFile,
} from '../../core/validation';
import type { Issue, Template, ValidateOptions, ValidationReport } from '../../core/validation';
import { isStewardError } from '../../shared/errors';

export interface ValidateCommandOptions {
  file: string;
  images?: string;
  template?: string;
  json: boolean;
  dataDir?: string;
  /** A connection's name or id: its system's templates and remembered mappings. */
  connection?: string;
  sheet?: string;
  headerRow?: number;
}

export interface ValidateIo {
  out(s: string): void;
  err(s: string): void;
}

const EXIT_CLEAN = 0;
const EXIT_ISSUES = 1;
const EXIT_UNREADABLE = 2;
/** Issues printed in the text output; the JSON output holds every stored issue. */
const SHOWN = 50;

const fmt = (n: number) => n.toLocaleString('en-US');

function issueLine(i: Issue): string {
  const where = [i.row === null ? 'file' : `row ${fmt(i.row)}`, i.column].filter(Boolean).join(', ');
  return `  ${i.severity.padEnd(7)} ${where}: ${i.message} [${i.rule}]`;
}

function printText(report: ValidationReport, io: ValidateIo): void {
  const s = report.source;
  io.out(`${report.file}`);
  io.out(`Template: ${report.template.id} (${report.template.chosen}: ${report.template.reason})`);
  const facts = [
    s.format.toUpperCase(),
    s.encoding && `encoding ${s.encoding}`,
    s.delimiter && `delimiter ${JSON.stringify(s.delimiter)}`,
    s.sheet && `sheet "${s.sheet}"`,
  ];
  io.out(`Read as:  ${facts.filter(Boolean).join(', ')}; ${fmt(report.rows)} data rows`);
  if (report.zip) {
    const z = report.zip;
    io.out(
      `Images:   ${fmt(z.files)} files in ${report.images ?? 'the archive'}; ${fmt(z.referenced)} referenced, ${fmt(z.unreferenced)} unused, ${fmt(z.missing)} missing`,
    );
  }
  const c = report.counts;
  io.out(
    `Result:   ${fmt(c.error)} errors, ${fmt(c.warning)} warnings, ${fmt(c.info)} notes (${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  if (report.issues.length === 0) return;
  io.out('');
  for (const i of report.issues.slice(0, SHOWN)) io.out(issueLine(i));
  const more = c.error + c.warning + c.info - Math.min(SHOWN, report.issues.length);
  if (more > 0) {
    io.out(`  … and ${fmt(more)} more. By rule:`);
    for (const r of report.summary.slice(0, 15))
      io.out(
        `    ${fmt(r.count).padStart(9)}  ${r.severity.padEnd(7)} ${r.rule}${r.column ? ` (${r.column})` : ''}`,
      );
    io.out('  Use --json for the full list.');
  }
}

async function connectionContext(
  store: Store,
  name: string,
): Promise<Pick<ValidateOptions, 'candidates' | 'recall'> & { id: string }> {
  const connection = await findConnection(store.db, name);
  if (!connection) throw new Error(`No connection "${name}". List them with \`steward info\`.`);
  const candidates = BUILTIN_TEMPLATES.filter((t) => t.system === connection.kind);
  return { id: connection.id, candidates, recall: await mappingRecaller(store.db, connection.id) };
}

export async function validateCommand(opts: ValidateCommandOptions, io: ValidateIo): Promise<number> {
  let template: Template | undefined;
  try {
    template = opts.template ? loadTemplate(opts.template) : undefined;
  } catch (err) {
    io.err(`steward validate: ${(err as Error).message}`);
    return EXIT_UNREADABLE;
  }
  let store: Store | undefined;
  try {
    if (opts.dataDir) {
      mkdirSync(opts.dataDir, { recursive: true });
      store = openStore(join(opts.dataDir, DATABASE_FILE));
    } else if (opts.connection) throw new Error('--connection needs the data folder (--data-dir).');
    const context = opts.connection && store ? await connectionContext(store, opts.connection) : undefined;
    let lastProgress = performance.now();
    const report = await validateFile({
      file: opts.file,
      images: opts.images,
      template,
      candidates: context?.candidates?.length ? context.candidates : undefined,
      recall: context?.recall,
      sheet: opts.sheet,
      headerRow: opts.headerRow,
      onProgress: (p) => {
        if (opts.json || performance.now() - lastProgress < 2000) return;
        lastProgress = performance.now();
        io.err(`… ${fmt(p.rows)} rows, ${Math.round((100 * p.bytesDone) / Math.max(1, p.bytesTotal))} %`);
      },
    });
    if (store) await saveRun(store.db, report, { connectionId: context?.id ?? null });
    if (opts.json) io.out(JSON.stringify(report, null, 2));
    else if (!report.fatal) printText(report, io);
    if (report.fatal) {
      io.err(`steward validate: ${report.fatal}`);
      return EXIT_UNREADABLE;
    }
    return report.counts.error + report.counts.warning > 0 ? EXIT_ISSUES : EXIT_CLEAN;
  } catch (err) {
    io.err(`steward validate: ${isStewardError(err) || err instanceof Error ? err.message : String(err)}`);
    return EXIT_UNREADABLE;
  } finally {
    await store?.close();
  }
}
