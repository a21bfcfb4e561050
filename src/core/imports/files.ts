/**
 * From the paths a user picked to the ImportRequest a connector uploads: the format from the file
 * extension, the role (data file or ZIP of images), the import type (default: the first the remote
 * declares, so Wizart's wallpaper and Broadleaf's PRODUCT, or ASSET for a lone ZIP), all checked
 * against the connector's declared import capabilities before a byte goes out.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { StewardError } from '../../shared/errors';
import type { Capabilities, ImportFile, ImportFormat, ImportRequest } from '../connectors/types';
import type { ImportFileInfo } from './schema';

export interface ImportFilesInput {
  files: readonly { path: string }[];
  images?: { path: string };
  type?: string;
  options?: Readonly<Record<string, string>>;
}

const FORMATS: Readonly<Record<string, ImportFormat>> = { '.csv': 'csv', '.xlsx': 'xlsx', '.zip': 'zip' };

export function formatOf(path: string): ImportFormat {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) {
    throw new StewardError(
      'invalid_input',
      `${basename(path)}: the importers take .csv, .xlsx and .zip files (the format is read from the extension).`,
    );
  }
  return format;
}

async function readImportFile(path: string, role: ImportFile['role'], maxBytes: number): Promise<ImportFile> {
  const format = formatOf(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch (err) {
    throw new StewardError('invalid_input', `Cannot read ${path}: ${(err as Error).message}.`);
  }
  if (size > maxBytes) {
    throw new StewardError(
      'invalid_input',
      `${basename(path)} is ${size} bytes; this remote takes at most ${maxBytes} bytes per upload.`,
    );
  }
  if (role === 'images' && format !== 'zip') {
    throw new StewardError('invalid_input', `The images go in a ZIP archive, not ${basename(path)}.`);
  }
  return { name: basename(path), format, role, bytes: await readFile(path) };
}

/** The declared type matching `type` case-insensitively, or the default for these files. */
function importType(caps: Capabilities, files: readonly ImportFile[], type: string | undefined): string {
  const declared = caps.imports ?? [];
  if (type !== undefined) {
    const match = declared.find((d) => d.entity.toLowerCase() === type.toLowerCase());
    // A type the connector does not declare may still exist remotely (Wizart types are per account).
    return match?.entity ?? type;
  }
  const data = files.find((f) => f.role === 'data');
  const fitting = declared.find((d) => data !== undefined && d.formats.includes(data.format));
  const first = fitting ?? declared[0];
  if (!first) throw new StewardError('unavailable', 'This connection takes no file imports.');
  return first.entity;
}

function checkAgainstCapabilities(caps: Capabilities, entity: string, files: readonly ImportFile[]): void {
  const cap = caps.imports?.find((d) => d.entity === entity);
  if (!cap) return;
  for (const f of files) {
    if (f.role === 'images' && !cap.images) {
      throw new StewardError(
        'invalid_input',
        `A ${entity} import takes no ZIP of images${entity === 'ASSET' ? '' : '; send the images in an import of their own'}.`,
      );
    }
    if (f.role === 'data' && !cap.formats.includes(f.format)) {
      throw new StewardError(
        'invalid_input',
        `A ${entity} import takes ${cap.formats.map((x) => x.toUpperCase()).join(' or ')}, not ${f.format.toUpperCase()} (${f.name}).`,
      );
    }
  }
  if (cap.images && !files.some((f) => f.role === 'images')) {
    throw new StewardError('invalid_input', `A ${entity} import needs the ZIP of images too (--images).`);
  }
}

/** Reads the files and builds the request; every mistake is a clear invalid_input before upload. */
export async function buildImportRequest(
  caps: Capabilities,
  input: ImportFilesInput,
): Promise<ImportRequest> {
  if (input.files.length === 0) throw new StewardError('invalid_input', 'Choose a file to import.');
  const max = caps.limits.maxBodyBytes;
  const files: ImportFile[] = [];
  // A data file and a ZIP dropped together: the ZIP is the images that go with it.
  const zips = input.files.filter((f) => extname(f.path).toLowerCase() === '.zip');
  const pairedZip = !input.images && input.files.length === 2 && zips.length === 1 ? zips[0] : undefined;
  for (const f of input.files)
    files.push(await readImportFile(f.path, f === pairedZip ? 'images' : 'data', max));
  if (input.images) files.push(await readImportFile(input.images.path, 'images', max));
  const entity = importType(caps, files, input.type);
  checkAgainstCapabilities(caps, entity, files);
  return { entity, files, ...(input.options ? { options: { ...input.options } } : {}) };
}

export function fileInfo(files: readonly ImportFile[]): ImportFileInfo[] {
  return files.map((f) => ({ name: f.name, format: f.format, role: f.role, bytes: f.bytes.byteLength }));
}
