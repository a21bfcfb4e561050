/**
 * electron-builder hooks, referenced as functions by electron-builder.config.ts.
 *
 * - beforePack (once per platform and arch): makes sure the Electron build of better-sqlite3 for
 *   that target exists in resources/native/electron-<os>-<arch>/ (scripts/rebuild-electron-sqlite.mjs),
 *   which `extraResources` then copies to `<resources>/native/electron/`. node_modules is never
 *   rebuilt in place (`npmRebuild: false`), so `npm test` keeps running on Node's ABI.
 * - afterAllArtifactBuild: reads the fuses back from every packaged binary and fails the build if
 *   one is not as configured.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BuildResult } from 'electron-builder';
import { checkFuses, packagedExecutables } from './fuses';
import type { FuseSettings } from './fuses';

/** electron-builder's Arch enum, by value. */
const ARCH_NAMES: Readonly<Record<number, string>> = {
  0: 'ia32',
  1: 'x64',
  2: 'armv7l',
  3: 'arm64',
  4: 'universal',
};

interface BeforePackContextLike {
  arch: number;
  electronPlatformName: string;
  packager: { projectDir: string };
}

/** The rebuild script's command line for one packaging target. */
export function nativeRebuildArgs(context: BeforePackContextLike): string[] {
  const arch = ARCH_NAMES[context.arch];
  if (!arch || arch === 'universal') {
    throw new Error(
      `Unsupported packaging arch: ${arch ?? String(context.arch)} (build x64 and arm64 apart).`,
    );
  }
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  return [
    join(context.packager.projectDir, 'scripts', 'rebuild-electron-sqlite.mjs'),
    `--platform=${platform}`,
    `--arch=${arch}`,
  ];
}

export async function beforePack(context: BeforePackContextLike): Promise<void> {
  const result = spawnSync(process.execPath, nativeRebuildArgs(context), {
    cwd: context.packager.projectDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error('better-sqlite3 could not be built for Electron; see the output above.');
  }
}

export async function afterAllArtifactBuild(result: BuildResult): Promise<string[]> {
  const config = result.configuration;
  const expected = (config.electronFuses ?? {}) as FuseSettings;
  const productName = config.productName ?? 'PIM Steward';
  const executables = packagedExecutables(result.outDir, productName);
  const problems: string[] = [];
  for (const executable of executables) {
    for (const problem of await checkFuses(executable, expected)) problems.push(`${executable}: ${problem}`);
  }
  if (problems.length > 0) throw new Error(`Electron fuses are not as configured:\n${problems.join('\n')}`);
  console.log(`fuses verified in ${executables.length} packaged app(s)`);
  return [];
}
