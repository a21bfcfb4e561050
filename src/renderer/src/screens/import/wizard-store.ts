/**
 * The import wizard's state, kept outside React so a drop on any screen can start it and the wizard
 * survives a visit to another screen (Changes, Catalog) and back. One wizard at a time: a data file
 * (CSV, TSV, TXT, XLSX or a lone ZIP) and an optional ZIP of images, the target connection and
 * template, the current validation run (followed through validation:progress / issues / finished,
 * with a slow poll as a fallback for a missed event), the cells the user edited, and what the last
 * apply or upload did.
 */
import { useSyncExternalStore } from 'react';
import type { ApplyOutcome, RunState, TemplateInfo, ValidationIssue } from '../../../../shared/validation';
import { api } from '../../api/client';
import type { ChosenFile, FileChoice } from '../../api/files';
import { uploadFiles } from '../../api/files';
import { t } from '../../i18n';

export type WizardStep = 'files' | 'check' | 'preview' | 'finish';

/** Files as they arrive: Files from the page (web shell, uploaded first) or tokens (desktop shell). */
export type IncomingFiles = { kind: 'web'; files: File[] } | { kind: 'chosen'; choice: FileChoice };

export interface CellEdit {
  row: number;
  column: string;
  value: string;
  original: string;
}

export interface WizardState {
  /** Bumped for every new wizard, so views reset their own paging and filters. */
  session: number;
  step: WizardStep;
  data: ChosenFile | null;
  images: ChosenFile | null;
  /** Files left out, with the reason (not a kind the app reads, a second data file…). */
  rejected: { name: string; reason: string }[];
  uploading: { name: string; percent: number } | null;
  /** The connection the user chose; null = match the file's headers. */
  connectionId: string | null;
  /** The connection picked because the detected template is of its system. */
  autoConnectionId: string | null;
  /** The template the user chose; null = detect from the headers. */
  template: string | null;
  run: RunState | null;
  starting: boolean;
  /** First issues of the running validation, as they arrive. */
  liveIssues: ValidationIssue[];
  error: string | null;
  /** Cells edited in the row editor, by `row␟column`. */
  edits: Record<string, CellEdit>;
  safeFixes: boolean;
  /** The last "fix and validate again": how many cells, and the errors before it. */
  lastFix: { cells: number; errorsBefore: number } | null;
  outcome: ApplyOutcome | null;
  jobId: number | null;
}

const INITIAL: WizardState = {
  session: 0,
  step: 'files',
  data: null,
  images: null,
  rejected: [],
  uploading: null,
  connectionId: null,
  autoConnectionId: null,
  template: null,
  run: null,
  starting: false,
  liveIssues: [],
  error: null,
  edits: {},
  safeFixes: true,
  lastFix: null,
  outcome: null,
  jobId: null,
};

let state: WizardState = INITIAL;
const listeners = new Set<() => void>();

function set(patch: Partial<WizardState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useWizard(): WizardState {
  return useSyncExternalStore(subscribe, () => state);
}

export function wizardState(): WizardState {
  return state;
}

export const editKey = (row: number, column: string) => `${row}\u241f${column}`;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

// ---- files ----

const ZIP = /\.zip$/i;
const DATA = /\.(csv|tsv|txt|xlsx)$/i;
let uploadSeq = 0;

/** Drop or pick: uploads Files first in the web shell, then places them. */
export async function receiveFiles(incoming: IncomingFiles, role: 'any' | 'images' = 'any'): Promise<void> {
  if (incoming.kind === 'chosen') {
    placeFiles(incoming.choice, role);
    return;
  }
  if (incoming.files.length === 0) return;
  const seq = ++uploadSeq;
  const first = incoming.files[0] as File;
  set({ uploading: { name: first.name, percent: 0 }, error: null });
  try {
    const choice = await uploadFiles(incoming.files, (name, fraction) => {
      if (seq === uploadSeq) set({ uploading: { name, percent: Math.round(fraction * 100) } });
    });
    if (seq !== uploadSeq) return;
    set({ uploading: null });
    placeFiles(choice, role);
  } catch (err) {
    if (seq === uploadSeq) set({ uploading: null, error: errorText(err) });
  }
}

function placeFiles(choice: FileChoice, role: 'any' | 'images'): void {
  const rejected = [...choice.rejected];
  const zips = choice.files.filter((f) => ZIP.test(f.name));
  const datas = choice.files.filter((f) => !ZIP.test(f.name) && DATA.test(f.name));
  for (const f of choice.files)
    if (!ZIP.test(f.name) && !DATA.test(f.name))
      rejected.push({ name: f.name, reason: t('import.files.kind') });
  const keepCurrent = state.data !== null && state.step === 'files' && datas.length === 0 && zips.length > 0;
  if (role === 'images' || keepCurrent) {
    // An image ZIP added to the file already chosen.
    const zip = zips[0];
    for (const f of [...datas, ...zips.slice(1)])
      rejected.push({ name: f.name, reason: t('import.files.oneZip') });
    if (!zip) {
      set({ rejected });
      return;
    }
    set({ images: zip, rejected, error: null, run: null, step: 'files' });
    return;
  }
  let data = datas[0] ?? null;
  let images = zips[0] ?? null;
  if (!data && images) {
    // A lone ZIP is the file itself (a Broadleaf ASSET import).
    data = images;
    images = null;
  }
  for (const f of datas.slice(1)) rejected.push({ name: f.name, reason: t('import.files.oneData') });
  for (const f of zips.slice(1)) rejected.push({ name: f.name, reason: t('import.files.oneZip') });
  if (!data) {
    set({ rejected, error: rejected.length ? null : t('import.files.none') });
    return;
  }
  set({
    ...INITIAL,
    session: state.session + 1,
    safeFixes: state.safeFixes,
    data,
    images,
    rejected,
  });
}

export function removeImages(): void {
  set({ images: null, run: null, step: 'files' });
}

export function setTarget(connectionId: string | null): void {
  set({ connectionId, autoConnectionId: null, template: null });
}

export function setTemplate(template: string | null): void {
  set({ template });
}

export function setSafeFixes(safeFixes: boolean): void {
  set({ safeFixes });
}

/** Back to an empty wizard (the history stays). */
export function resetWizard(): void {
  uploadSeq++;
  set({ ...INITIAL, session: state.session + 1, safeFixes: state.safeFixes });
}

export function goTo(step: WizardStep): void {
  set({ step });
}

// ---- validation runs ----

/** Events that arrived before validation:start answered with the run id. */
const early = new Map<
  number,
  { progress?: Partial<RunState>; issues: ValidationIssue[]; finished?: RunState }
>();
let subscribed = false;
let pollTimer: ReturnType<typeof setInterval> | null = null;
const LIVE_SHOWN = 200;

function earlyFor(runId: number) {
  let entry = early.get(runId);
  if (!entry) {
    entry = { issues: [] };
    early.set(runId, entry);
    if (early.size > 6) early.delete(early.keys().next().value as number);
  }
  return entry;
}

function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('validation:progress', (p) => {
    if (state.run?.runId === p.runId && state.run.status === 'running') set({ run: { ...state.run, ...p } });
    else if (state.starting) earlyFor(p.runId).progress = p;
  });
  api.on('validation:issues', ({ runId, issues }) => {
    if (state.run?.runId === runId) {
      if (state.liveIssues.length < LIVE_SHOWN)
        set({ liveIssues: [...state.liveIssues, ...issues].slice(0, LIVE_SHOWN) });
    } else if (state.starting) earlyFor(runId).issues.push(...issues.slice(0, LIVE_SHOWN));
  });
  api.on('validation:finished', (run) => {
    if (state.run?.runId === run.runId) finished(run);
    else if (state.starting) earlyFor(run.runId).finished = run;
  });
}

function stopPolling(): void {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
}

/** A missed validation:finished (a reconnect) must not leave the wizard spinning. */
function startPolling(runId: number): void {
  stopPolling();
  pollTimer = setInterval(() => {
    if (state.run?.runId !== runId || state.run.status !== 'running') return stopPolling();
    api.invoke('validation:getRun', { runId }).then(
      (run) => {
        if (run.status !== 'running' && state.run?.runId === runId && state.run.status === 'running')
          finished(run);
      },
      () => undefined,
    );
  }, 3000);
}

let templatesCache: Promise<TemplateInfo[]> | null = null;
function templates(): Promise<TemplateInfo[]> {
  templatesCache ??= api.invoke('validation:listTemplates', {}).catch((err: unknown) => {
    templatesCache = null;
    throw err;
  });
  return templatesCache;
}

function finished(run: RunState): void {
  stopPolling();
  // The stored run forgets which run it re-validated; the wizard does not.
  const previousRunId = run.previousRunId ?? state.run?.previousRunId ?? null;
  set({ run: { ...run, previousRunId }, step: 'check' });
  if (run.status === 'done' && state.connectionId === null && run.connectionId === null && run.report) {
    void pickConnectionFor(run.report.template.id);
  }
}

/** The target when the user left it to the file: the first connection of the template's system. */
async function pickConnectionFor(templateId: string): Promise<void> {
  try {
    const [list, conns] = await Promise.all([templates(), api.invoke('connections:list', {})]);
    const system = list.find((x) => x.id === templateId)?.system;
    const match = conns.find((c) => c.kind === system);
    if (state.connectionId === null) set({ autoConnectionId: match?.id ?? null });
  } catch {
    // The target stays unset; the report asks the user to choose one.
  }
}

export function targetConnectionId(s: WizardState = state): string | null {
  return s.connectionId ?? s.run?.connectionId ?? s.autoConnectionId;
}

async function follow(start: () => Promise<RunState>, keepFrom: Partial<WizardState> = {}): Promise<void> {
  ensureSubscribed();
  stopPolling();
  set({
    starting: true,
    error: null,
    step: 'check',
    liveIssues: [],
    outcome: null,
    jobId: null,
    ...keepFrom,
  });
  try {
    const run = await start();
    const got = early.get(run.runId);
    early.delete(run.runId);
    set({
      starting: false,
      run: { ...run, ...(got?.progress ?? {}) },
      liveIssues: (got?.issues ?? []).slice(0, LIVE_SHOWN),
    });
    if (got?.finished) finished({ ...got.finished, previousRunId: run.previousRunId });
    else if (run.status !== 'running') finished(run);
    else startPolling(run.runId);
  } catch (err) {
    set({ starting: false, error: errorText(err), step: state.run ? 'check' : 'files' });
  }
}

/** Validates the chosen file with the chosen target, template and (optionally) the user's mapping. */
export function startValidation(mapping?: (string | null)[]): Promise<void> {
  const s = state;
  // A new mapping re-checks the file the current run read (for a fixed run, the corrected copy).
  const fileToken = mapping && s.run ? s.run.fileToken : s.data?.fileToken;
  if (!fileToken) return Promise.resolve();
  const connectionId = s.connectionId ?? (mapping ? targetConnectionId(s) : null);
  const template = mapping ? (s.run?.report?.template.id ?? s.template) : s.template;
  return follow(
    () =>
      api.invoke('validation:start', {
        file: { fileToken },
        ...(s.images ? { images: { fileToken: s.images.fileToken } } : {}),
        ...(connectionId ? { connectionId } : {}),
        ...(template ? { template } : {}),
        ...(mapping ? { mapping } : {}),
      }),
    {
      run: null,
      edits: {},
      lastFix: null,
      ...(mapping ? {} : { autoConnectionId: null }),
    },
  );
}

export async function cancelValidation(): Promise<void> {
  const run = state.run;
  if (!run || run.status !== 'running') return;
  try {
    await api.invoke('validation:cancel', { runId: run.runId });
  } catch (err) {
    set({ error: errorText(err) });
  }
}

export function editCell(row: number, column: string, value: string, original: string): void {
  const key = editKey(row, column);
  const edits = { ...state.edits };
  if (value === original) delete edits[key];
  else edits[key] = { row, column, value, original };
  set({ edits });
}

export function discardEdits(): void {
  set({ edits: {} });
}

/** Writes a corrected copy with the edited cells and follows the new run. */
export function fixAndRevalidate(): Promise<void> {
  const run = state.run;
  const cells = Object.values(state.edits).map(({ row, column, value }) => ({ row, column, value }));
  if (!run || cells.length === 0) return Promise.resolve();
  const safeFixes = state.safeFixes;
  return follow(() => api.invoke('validation:fix', { runId: run.runId, cells, safeFixes }), {
    edits: {},
    lastFix: { cells: cells.length, errorsBefore: run.counts.error },
  });
}

/** Opens a stored run from the history (its report, diff, apply and exports work from the run). */
export async function openRun(runId: number): Promise<void> {
  try {
    const run = await api.invoke('validation:getRun', { runId });
    set({
      ...INITIAL,
      session: state.session + 1,
      safeFixes: state.safeFixes,
      connectionId: run.connectionId,
      run,
      step: 'check',
    });
    if (run.status === 'running') {
      ensureSubscribed();
      startPolling(runId);
    } else if (run.connectionId === null && run.report) void pickConnectionFor(run.report.template.id);
  } catch (err) {
    set({ error: errorText(err) });
  }
}

// ---- outcome ----

export function setOutcome(outcome: ApplyOutcome): void {
  set({ outcome, step: 'finish' });
}

export function setJob(jobId: number): void {
  set({ jobId, step: 'finish' });
}

export function setError(error: string | null): void {
  set({ error });
}
