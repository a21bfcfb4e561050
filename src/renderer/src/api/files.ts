/**
 * Files in the renderer, which never sees a path. Desktop shell: the preload turns a drop into
 * tokens in main, which arrive as the shell's `files:dropped` event; the native open dialog answers
 * tokens too. Web shell: the page uploads the dropped or picked File to its host (POST /files with
 * the per-run secret), which answers a token. Either way a screen gets `{ fileToken, name, size }`
 * and hands the token to core. Exports come back as a download (web) or go where the save dialog
 * pointed (desktop).
 */
import { ChosenFiles, FILES_DROPPED_EVENT, FileRef } from '../../../shared/shell';
import { FILE_NAME_HEADER, FILE_SECRET_HEADER, FILES_PATH, UploadReply } from '../../../shared/wire';
import { api } from './client';
import { currentSecret } from './ws-transport';

export interface ChosenFile {
  fileToken: string;
  name: string;
  size: number;
}

export interface FileChoice {
  files: ChosenFile[];
  rejected: { name: string; reason: string }[];
}

const fromRef = (r: FileRef): ChosenFile => ({ fileToken: r.token, name: r.name, size: r.size });

/** The desktop shell delivers drops itself; the web shell's page uploads what it is given. */
export const shellHandlesDrops = (): boolean => api.kind === 'preload';

/** Desktop: files dropped anywhere on the window, as tokens (checked against the shell's schema). */
export function onDroppedFiles(listener: (choice: FileChoice) => void): () => void {
  const bridge = window.steward;
  if (!bridge) return () => undefined;
  return bridge.on(FILES_DROPPED_EVENT, (payload) => {
    const parsed = ChosenFiles.safeParse(payload);
    if (parsed.success) listener({ files: parsed.data.files.map(fromRef), rejected: parsed.data.rejected });
  });
}

/** Desktop: the native open dialog. */
export async function openFileDialog(title: string): Promise<FileChoice> {
  const bridge = window.steward;
  if (!bridge) return { files: [], rejected: [] };
  const result = await bridge.invoke('files:openDialog', { title, multiple: true });
  if (!result.ok) throw new Error(result.error.message);
  const parsed = ChosenFiles.parse(result.value);
  return { files: parsed.files.map(fromRef), rejected: parsed.rejected };
}

const ACCEPTED = /\.(csv|tsv|txt|xlsx|zip)$/i;

/** Web: uploads one File to the host; `onProgress` gets the fraction sent (0..1). */
export function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<ChosenFile> {
  const secret = currentSecret();
  if (!secret) return Promise.reject(new Error('This page was opened without its access key.'));
  if (!ACCEPTED.test(file.name))
    return Promise.reject(
      new Error(
        `${file.name}: PIM Steward reads CSV, TSV, TXT, XLSX and ZIP files; save it in one of those formats.`,
      ),
    );
  return new Promise<ChosenFile>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', FILES_PATH);
    xhr.setRequestHeader(FILE_SECRET_HEADER, secret);
    xhr.setRequestHeader(FILE_NAME_HEADER, encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / Math.max(1, e.total));
    };
    xhr.onerror = () => reject(new Error(`The upload of ${file.name} broke off; try again.`));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // handled below
      }
      if (xhr.status === 201) {
        const parsed = UploadReply.safeParse(body);
        if (parsed.success) return resolve(fromRef(parsed.data));
      }
      const message =
        body && typeof body === 'object' && 'error' in body
          ? String((body as { error: unknown }).error)
          : xhr.statusText;
      reject(new Error(message || `The upload of ${file.name} failed.`));
    };
    xhr.send(file);
  });
}

/** Web: uploads dropped or picked Files, one after the other, collecting refusals. */
export async function uploadFiles(
  files: readonly File[],
  onProgress?: (name: string, fraction: number) => void,
): Promise<FileChoice> {
  const out: FileChoice = { files: [], rejected: [] };
  for (const f of files) {
    try {
      out.files.push(await uploadFile(f, (x) => onProgress?.(f.name, x)));
    } catch (err) {
      out.rejected.push({ name: f.name, reason: (err as Error).message });
    }
  }
  return out;
}

/** Web: downloads a file core exported (the browser saves it under `name`). */
export async function downloadExport(token: string, name: string): Promise<void> {
  const secret = currentSecret();
  if (!secret) throw new Error('This page was opened without its access key.');
  const res = await fetch(`${FILES_PATH}/${encodeURIComponent(token)}`, {
    headers: { [FILE_SECRET_HEADER]: secret },
  });
  if (!res.ok) throw new Error(`The download failed (${res.status}): export the file again.`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Desktop: asks where to save an export; null when the user cancels. */
export async function saveDialog(suggestedName: string, kind: 'csv' | 'xlsx'): Promise<string | null> {
  const bridge = window.steward;
  if (!bridge) return null;
  const result = await bridge.invoke('files:saveDialog', { suggestedName, kind });
  if (!result.ok) throw new Error(result.error.message);
  const parsed = FileRef.omit({ size: true }).nullable().parse(result.value);
  return parsed?.token ?? null;
}
