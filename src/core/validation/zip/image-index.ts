/**
 * The cross-check of image names in a file against a ZIP's entries, by name only. A row's image
 * matches an entry by its full path or by its base name, as the Wizart simulator's checking_images
 * stage does (demo-pim/wizart/analyze.ts); a match that differs only in case is reported as
 * missing, with the entry that was probably meant.
 */
import { baseName } from '../../demo-pim/wizart/zip-inspect';
import type { Finding } from '../checks/pitfalls';
import type { Issue } from '../types';
import type { ZipEntryInfo } from './inspect';

const IMAGE_EXT = /\.(jpe?g|png|gif|webp|tiff?|bmp|heic|avif|svg)$/i;

export interface ImageIndex {
  entries: ZipEntryInfo[];
  byPath: Map<string, number>;
  byBase: Map<string, number>;
  byFolded: Map<string, number>;
  /** Entries present but refused (zip slip, bomb, encrypted…), by name and base name. */
  unusable: Map<string, string>;
  /** 1 where a row referenced the entry; shared between the workers of one run. */
  referenced: Uint8Array;
  maxBytes: number | undefined;
}

export function buildImageIndex(
  entries: ZipEntryInfo[],
  referenced: Uint8Array,
  maxBytes?: number,
): ImageIndex {
  const byPath = new Map<string, number>();
  const byBase = new Map<string, number>();
  const byFolded = new Map<string, number>();
  const unusable = new Map<string, string>();
  entries.forEach((e, i) => {
    if (e.isDir) return;
    if (e.unsafe) {
      unusable.set(e.name, e.unsafe);
      unusable.set(baseName(e.name), e.unsafe);
      return;
    }
    byPath.set(e.name, i);
    const base = baseName(e.name);
    if (!byBase.has(base)) byBase.set(base, i);
    for (const key of [e.name.toLowerCase(), base.toLowerCase()])
      if (!byFolded.has(key)) byFolded.set(key, i);
  });
  return { entries, byPath, byBase, byFolded, unusable, referenced, maxBytes };
}

/** Checks one referenced name; marks the entry referenced. */
export function checkImageRef(index: ImageIndex, ref: string): Finding | null {
  const hit = index.byPath.get(ref) ?? index.byBase.get(baseName(ref));
  if (hit === undefined) {
    const refused = index.unusable.get(ref) ?? index.unusable.get(baseName(ref));
    if (refused) {
      return {
        rule: 'image.unusable',
        message: `The image "${ref}" is in the ZIP but cannot be used (${refused}, see the archive's issues).`,
      };
    }
    const near = index.byFolded.get(ref.toLowerCase()) ?? index.byFolded.get(baseName(ref).toLowerCase());
    if (near !== undefined) {
      const name = (index.entries[near] as ZipEntryInfo).name;
      return {
        rule: 'image.case',
        message: `"${ref}" is not in the ZIP, which has "${name}": names must match in upper/lower case. Rename the file or fix the cell.`,
      };
    }
    const slash = ref.includes('\\') ? ' Use "/" in paths, not "\\".' : '';
    return {
      rule: 'image.missing',
      message: `The image "${ref}" is not in the ZIP archive (checking_images would fail).${slash}`,
    };
  }
  index.referenced[hit] = 1;
  const entry = index.entries[hit] as ZipEntryInfo;
  if (entry.kind === 'not-image') {
    return {
      rule: 'image.not-image',
      message: `"${entry.name}" is not an image (it is ${entry.looksLike ?? 'something else'}): the import stops at this row. Replace it with a JPEG or PNG.`,
    };
  }
  if (index.maxBytes !== undefined && entry.size > index.maxBytes) {
    return {
      rule: 'image.too-large',
      message: `"${entry.name}" is ${(entry.size / 2 ** 20).toFixed(1)} MB, over the ${(index.maxBytes / 2 ** 20).toFixed(0)} MB per image: make it smaller.`,
    };
  }
  return null;
}

const issue = (rule: string, value: string, severity: Issue['severity'], message: string): Issue => ({
  row: null,
  column: null,
  value,
  rule,
  severity,
  message,
});

/** ZIP-level findings about the images themselves (independent of any file referencing them). */
export function imageEntryIssues(entries: ZipEntryInfo[], maxBytes?: number): Issue[] {
  const out: Issue[] = [];
  for (const e of entries) {
    if (e.isDir || e.unsafe) continue;
    if (e.kind === 'not-image' && IMAGE_EXT.test(e.name)) {
      out.push(
        issue(
          'image.not-image',
          e.name,
          'error',
          `"${e.name}" is named like an image but is ${e.looksLike ?? 'not one'}. Replace it with a real JPEG or PNG.`,
        ),
      );
    }
    if (maxBytes !== undefined && e.size > maxBytes) {
      out.push(
        issue(
          'image.too-large',
          e.name,
          'error',
          `"${e.name}" is ${(e.size / 2 ** 20).toFixed(1)} MB, over the ${(maxBytes / 2 ** 20).toFixed(0)} MB per image.`,
        ),
      );
    }
  }
  return out;
}

/** Entries no row referenced: uploaded for nothing, or a sign that names in the file are wrong. */
export function unreferencedIssues(index: ImageIndex): Issue[] {
  const out: Issue[] = [];
  index.entries.forEach((e, i) => {
    if (e.isDir || e.unsafe || index.referenced[i]) return;
    out.push(
      issue(
        'image.unreferenced',
        e.name,
        'warning',
        `"${e.name}" is in the ZIP but no row names it: remove it, or check the image names in the file.`,
      ),
    );
  });
  return out;
}
