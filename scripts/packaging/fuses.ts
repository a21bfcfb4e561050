/**
 * Electron fuses: the settings baked into the Electron binary at packaging time. electron-builder
 * flips them (`electronFuses` in electron-builder.config.ts) right before signing; this module
 * reads them back from the packaged binaries so a build whose fuses did not take fails loudly.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';

/** electron-builder's `electronFuses` keys, in the order of Electron's V1 fuse wire. */
export const FUSE_WIRE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
export type FuseName = (typeof FUSE_WIRE_ORDER)[number];
export type FuseSettings = Partial<Record<FuseName, boolean>>;

/** ASCII '0' / '1' in the binary; other values mean "removed" or "inherit". */
const DISABLED = 48;
const ENABLED = 49;

/** Fuses whose state in the wire is not the one asked for (one line each). */
export function fuseMismatches(wire: Readonly<Record<number, unknown>>, expected: FuseSettings): string[] {
  const problems: string[] = [];
  FUSE_WIRE_ORDER.forEach((name, index) => {
    const want = expected[name];
    if (want === undefined) return;
    const state = wire[index];
    const actual = state === ENABLED ? true : state === DISABLED ? false : undefined;
    if (actual !== want) {
      problems.push(
        `${name}: expected ${want ? 'on' : 'off'}, found ${actual === undefined ? String(state) : actual ? 'on' : 'off'}`,
      );
    }
  });
  return problems;
}

/** Reads a packaged app's fuses; `executable` is the .exe, the .app, or the Linux binary. */
export async function checkFuses(executable: string, expected: FuseSettings): Promise<string[]> {
  const wire = (await getCurrentFuseWire(executable)) as unknown as Record<number, unknown>;
  return fuseMismatches(wire, expected);
}

/** The packaged apps electron-builder left in its output folder (`*-unpacked`, `mac*`). */
export function packagedExecutables(outDir: string, productName: string): string[] {
  if (!existsSync(outDir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(outDir, entry.name);
    const candidates = [join(dir, `${productName}.exe`), join(dir, `${productName}.app`)];
    for (const candidate of candidates) if (existsSync(candidate)) found.push(candidate);
  }
  return found;
}
