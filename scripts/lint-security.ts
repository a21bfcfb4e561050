/**
 * `npm run lint:security`: Electronegativity over src/ (main, preload, renderer and what they
 * share), offline, then every HIGH or MEDIUM finding must be explained in
 * scripts/electronegativity-allowlist.json (a reason, and the file that proves it: a test or the
 * module that handles it). Exit code 1 on an unexplained finding, on an allowlist entry that no
 * longer matches anything (reasons must not outlive their code), or on a file the scanner could not
 * parse (it would have been skipped silently). The full report goes to
 * test-artifacts/electronegativity.json.
 *
 * Offline: the Electron-releases check (AvailableSecurityFixesGlobalCheck, which downloads the
 * release list) is excluded, the Electron version is read from node_modules instead of guessed,
 * and the scanner's translation download is answered locally (it falls back to the bundled
 * English strings), so the result never depends on the network.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const SCAN_INPUT = 'src';
/** Checks that need the network; everything else runs. */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
export const FAILING_SEVERITIES: ReadonlySet<string> = new Set(['HIGH', 'MEDIUM']);
export const ALLOWLIST_FILE = join('scripts', 'electronegativity-allowlist.json');
export const REPORT_FILE = join('test-artifacts', 'electronegativity.json');

export const AllowlistEntry = z.strictObject({
  id: z.string().min(1),
  /** Relative to src/, as the scanner reports it. */
  file: z.string().min(1),
  /** A piece of the flagged line, so a new finding of the same kind in the same file is not hidden. */
  match: z.string().optional(),
  reason: z.string().min(20),
  /** Files (from the project root) that show the reason holds: the handling module, its test. */
  evidence: z.array(z.string().min(1)).min(1),
});
export type AllowlistEntry = z.infer<typeof AllowlistEntry>;
export const Allowlist = z.array(AllowlistEntry);

export interface Finding {
  id: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
  sample: string;
  description: string;
}

export interface Evaluation {
  unexplained: Finding[];
  explained: Array<{ finding: Finding; reason: string }>;
  /** Below MEDIUM and not explained: reported, never failing. */
  informational: Finding[];
  /** Allowlist entries that matched nothing. */
  stale: AllowlistEntry[];
  /** Allowlist entries whose evidence files do not exist. */
  missingEvidence: Array<{ entry: AllowlistEntry; file: string }>;
}

export function matches(entry: AllowlistEntry, finding: Finding): boolean {
  return (
    entry.id === finding.id &&
    entry.file === finding.file &&
    (entry.match === undefined || finding.sample.includes(entry.match))
  );
}

export function evaluate(
  findings: readonly Finding[],
  allowlist: readonly AllowlistEntry[],
  exists: (file: string) => boolean,
): Evaluation {
  const used = new Set<AllowlistEntry>();
  const result: Evaluation = {
    unexplained: [],
    explained: [],
    informational: [],
    stale: [],
    missingEvidence: [],
  };
  for (const finding of findings) {
    const entry = allowlist.find((e) => matches(e, finding));
    if (entry) {
      used.add(entry);
      result.explained.push({ finding, reason: entry.reason });
    } else if (FAILING_SEVERITIES.has(finding.severity)) {
      result.unexplained.push(finding);
    } else {
      result.informational.push(finding);
    }
  }
  for (const entry of allowlist) {
    if (!used.has(entry)) result.stale.push(entry);
    for (const file of entry.evidence) if (!exists(file)) result.missingEvidence.push({ entry, file });
  }
  return result;
}

export function passes(evaluation: Evaluation, parseErrors: readonly unknown[]): boolean {
  return (
    evaluation.unexplained.length === 0 &&
    evaluation.stale.length === 0 &&
    evaluation.missingEvidence.length === 0 &&
    parseErrors.length === 0
  );
}

interface RawIssue {
  id: string;
  file: string;
  location?: { line?: number };
  severity?: { name?: string };
  confidence?: { name?: string };
  sample?: string;
  description?: string;
}

export function toFinding(issue: RawIssue): Finding {
  return {
    id: issue.id,
    file: issue.file.split('\\').join('/'),
    line: issue.location?.line ?? 0,
    severity: issue.severity?.name ?? 'UNKNOWN',
    confidence: issue.confidence?.name ?? 'UNKNOWN',
    sample: (issue.sample ?? '').trim(),
    description: issue.description ?? '',
  };
}

type Runner = (options: Record<string, unknown>) => Promise<{
  issues: RawIssue[];
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
}>;

/** Loads Electronegativity's runner with its one network call (translations) answered locally. */
function loadRunner(): Runner {
  const require = createRequire(import.meta.url);
  const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
  const fromI18n = createRequire(join(dirname(runnerPath), 'locales', 'i18n.js'));
  const gotPath = fromI18n.resolve('got');
  const offline = (): Promise<never> => Promise.reject(new Error('offline: bundled translations are used'));
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: offline,
  } as unknown as NodeJS.Module;
  return require(runnerPath) as Runner;
}

async function main(): Promise<number> {
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  ).version;
  const allowlist = Allowlist.parse(JSON.parse(readFileSync(join(root, ALLOWLIST_FILE), 'utf8')));
  // Its translation fallback logs a line; the run is offline on purpose.
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args);
  };
  let output: Awaited<ReturnType<Runner>>;
  try {
    output = await loadRunner()({
      input: join(root, SCAN_INPUT),
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
      electronVersionOverride: electronVersion,
      parserPlugins: [],
      isRelative: true,
      isVerbose: false,
    });
  } finally {
    console.log = log;
  }
  const findings = output.issues.map(toFinding);
  const parseErrors = output.errors.filter((e) => !e.tolerable);
  const evaluation = evaluate(findings, allowlist, (file) => existsSync(join(root, file)));

  mkdirSync(join(root, dirname(REPORT_FILE)), { recursive: true });
  writeFileSync(
    join(root, REPORT_FILE),
    `${JSON.stringify({ electronVersion, input: SCAN_INPUT, excluded: EXCLUDED_CHECKS, parseErrors, ...evaluation }, null, 2)}\n`,
  );

  const line = (f: Finding) =>
    `  ${f.severity.padEnd(6)} ${f.id}  src/${f.file}:${f.line}  ${f.sample.slice(0, 90)}`;
  console.log(
    `Electronegativity on ${SCAN_INPUT}/ (Electron ${electronVersion}, offline): ${findings.length} finding(s)`,
  );
  if (evaluation.explained.length > 0) {
    console.log(`Explained (${ALLOWLIST_FILE}):`);
    for (const { finding } of evaluation.explained) console.log(line(finding));
  }
  if (evaluation.informational.length > 0) {
    console.log('Low / informational:');
    for (const finding of evaluation.informational) console.log(line(finding));
  }
  if (evaluation.unexplained.length > 0) {
    console.error('UNEXPLAINED high/medium findings (fix them, or explain them in the allowlist):');
    for (const finding of evaluation.unexplained)
      console.error(`${line(finding)}\n      ${finding.description}`);
  }
  for (const entry of evaluation.stale) {
    console.error(`Stale allowlist entry (matches nothing; remove it): ${entry.id} ${entry.file}`);
  }
  for (const { entry, file } of evaluation.missingEvidence) {
    console.error(`Allowlist entry ${entry.id} ${entry.file} cites a missing file: ${file}`);
  }
  for (const error of parseErrors) console.error(`Could not parse ${error.file}: ${error.message}`);
  const ok = passes(evaluation, parseErrors);
  console.log(ok ? 'lint:security passed.' : 'lint:security FAILED.');
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
