import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import type { Configuration } from 'electron-builder';
import { afterEach, describe, expect, it } from 'vitest';
import config, { SECURITY_FUSES } from '../../../electron-builder.config';
import {
  checkFuses,
  FUSE_WIRE_ORDER,
  fuseMismatches,
  packagedExecutables,
} from '../../../scripts/packaging/fuses';
import { afterAllArtifactBuild, nativeRebuildArgs } from '../../../scripts/packaging/hooks';
import { APP_ID, PRODUCT_NAME } from '../../../src/main/app-identity';
import { NATIVE_BINDING_SEGMENTS } from '../../../src/main/paths';
import { tempDir } from './fakes';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  productName: string;
  scripts: Record<string, string>;
};

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

type Target = { target: string; arch: string[] };

describe('electron-builder.config.ts', () => {
  it('is a valid electron-builder configuration (its own schema)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(
        config: Configuration,
        logger: { isEnabled: boolean; add(): void },
      ): Promise<void>;
    };
    await expect(
      validateConfiguration(config, { isEnabled: false, add: () => undefined }),
    ).resolves.toBeUndefined();
  });

  it('loads the way electron-builder loads it (jiti, from `--config electron-builder.config.ts`)', async () => {
    const { getConfig } = require('app-builder-lib/out/util/config/load.js') as {
      getConfig(
        request: { packageKey: string; configFilename: string; projectDir: string; packageMetadata: null },
        path: string,
      ): Promise<{ result: Configuration }>;
    };
    const loaded = await getConfig(
      { packageKey: 'build', configFilename: 'electron-builder', projectDir: root, packageMetadata: null },
      'electron-builder.config.ts',
    );
    expect(loaded.result.appId).toBe(APP_ID);
    expect(loaded.result.electronFuses).toEqual(SECURITY_FUSES);
    expect(typeof loaded.result.beforePack).toBe('function');
  });

  it('sets the security fuses: no RunAsNode, NODE_OPTIONS or --inspect; asar integrity and asar-only on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // Every fuse of Electron's wire is decided, none left to the default.
    expect(Object.keys(config.electronFuses ?? {}).sort()).toEqual([...FUSE_WIRE_ORDER].sort());
  });

  it('packs the app into an integrity-checked asar with native addons unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
    expect(config.files).toEqual(['out/**/*', '!out/**/*.map', 'package.json']);
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(config.disableSanityCheckAsar).toBeUndefined();
  });

  it('ships the Electron build of better-sqlite3 where main looks for it, and leaves node_modules on Node’s ABI', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toEqual([
      {
        from: 'resources/native/electron-${os}-${arch}',
        to: NATIVE_BINDING_SEGMENTS.slice(0, -1).join('/'),
        filter: [NATIVE_BINDING_SEGMENTS.at(-1)],
      },
    ]);
    expect(typeof config.beforePack).toBe('function');
    expect(typeof config.afterAllArtifactBuild).toBe('function');
    expect(
      nativeRebuildArgs({ arch: 3, electronPlatformName: 'win32', packager: { projectDir: '/p' } }),
    ).toEqual([join('/p', 'scripts', 'rebuild-electron-sqlite.mjs'), '--platform=win32', '--arch=arm64']);
    expect(
      nativeRebuildArgs({ arch: 1, electronPlatformName: 'darwin', packager: { projectDir: '/p' } }),
    ).toContain('--arch=x64');
    expect(() =>
      nativeRebuildArgs({ arch: 4, electronPlatformName: 'darwin', packager: { projectDir: '/p' } }),
    ).toThrow(/universal/);
  });

  it('gets the per-target binaries from the rebuild script, which never writes into node_modules', async () => {
    // A runtime import of the plain-JS script (its path is not a literal, so it is not type-checked).
    const script = join(root, 'scripts', 'rebuild-electron-sqlite.mjs');
    const { targetDir, OS_KEYS } = (await import(script)) as {
      targetDir(platform: string, arch: string): string;
      OS_KEYS: Record<string, string>;
    };
    // `${os}` in extraResources is electron-builder's mac / win / linux.
    expect(OS_KEYS).toEqual({ darwin: 'mac', win32: 'win', linux: 'linux' });
    expect(targetDir('win32', 'arm64')).toBe(join(root, 'resources', 'native', 'electron-win-arm64'));
    expect(targetDir('darwin', 'x64')).toBe(join(root, 'resources', 'native', 'electron-mac-x64'));
    const source = readFileSync(script, 'utf8');
    expect(source).toContain("relative(source, p).split(sep)[0] !== 'build'");
    expect(source).toContain('mkdtempSync');
    // node_modules keeps Node's build: tests load it in this very process.
    const Database = require('better-sqlite3') as new (file: string) => { close(): void };
    expect(() => new Database(':memory:').close()).not.toThrow();
  });

  it('builds NSIS for Windows x64 and arm64, signed by the publisher updates are checked against', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
    expect(config.win?.signtoolOptions?.publisherName).toEqual(expect.any(String));
    expect(config.win?.signtoolOptions?.signingHashAlgorithms).toEqual(['sha256']);
    expect(config.win?.requestedExecutionLevel).toBe('asInvoker');
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds dmg and zip for macOS x64 and arm64, hardened, with minimal entitlements, notarized', () => {
    const targets = config.mac?.target as Target[];
    expect(targets).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toEqual(expect.any(String));
      const plist = readFileSync(join(root, file as string), 'utf8');
      const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
      expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    }
  });

  it('publishes an update feed electron-updater reads, with latest and beta channels', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: expect.stringMatching(/^https:\/\//) }]);
    expect(config.detectUpdateChannel).toBe(true);
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
  });

  it('shares its identity with main (AppUserModelID = appId)', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(pkg.productName).toBe(PRODUCT_NAME);
  });

  it('has the npm scripts the release runs', () => {
    expect(pkg.scripts['dist:win']).toContain('--config electron-builder.config.ts --win');
    expect(pkg.scripts['dist:mac']).toContain('--config electron-builder.config.ts --mac');
    for (const name of ['dist', 'dist:win', 'dist:mac'])
      expect(pkg.scripts[name]).toMatch(/^electron-vite build && /);
    expect(pkg.scripts['rebuild:electron']).toBe('node scripts/rebuild-electron-sqlite.mjs');
    expect(pkg.scripts['lint:security']).toBe('tsx scripts/lint-security.ts');
  });
});

describe('fuse verification after packaging', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

  /** A stand-in for a packaged Electron binary: the fuse wire as Electron ships it (all on). */
  function fakeElectronBinary(dir: string, name: string): string {
    const path = join(dir, name);
    const wire = Buffer.alloc(FUSE_WIRE_ORDER.length, 49);
    writeFileSync(
      path,
      Buffer.concat([Buffer.from('MZ…binary…'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), wire]),
    );
    return path;
  }

  /** What electron-builder does with `electronFuses` (platformPackager.generateFuseConfig). */
  function flipLikeElectronBuilder(path: string, fuses: Record<string, boolean>) {
    const options: Record<string, number> = {
      runAsNode: FuseV1Options.RunAsNode,
      enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
      enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
      enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
      onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
      loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
      grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
    };
    const wire: Record<number, boolean> = {};
    for (const [name, value] of Object.entries(fuses)) wire[options[name] as number] = value;
    return flipFuses(path, { version: FuseVersion.V1, ...wire });
  }

  it('reads back the configured fuses from a flipped binary', async () => {
    const dir = tempDir('steward-fuses-');
    cleanups.push(() => dir.remove());
    const binary = fakeElectronBinary(dir.path, 'PIM Steward.exe');
    expect((await checkFuses(binary, SECURITY_FUSES)).length).toBeGreaterThan(0);
    await flipLikeElectronBuilder(binary, SECURITY_FUSES);
    expect(await checkFuses(binary, SECURITY_FUSES)).toEqual([]);
  });

  it('names each fuse that is not as configured', () => {
    const allOn = Object.fromEntries(FUSE_WIRE_ORDER.map((_, i) => [i, 49]));
    expect(fuseMismatches(allOn, { runAsNode: false, onlyLoadAppFromAsar: true })).toEqual([
      'runAsNode: expected off, found on',
    ]);
    expect(fuseMismatches({ 0: 114 }, { runAsNode: false })).toEqual(['runAsNode: expected off, found 114']);
  });

  it('fails the build when a packaged app kept a fuse on', async () => {
    const dir = tempDir('steward-dist-');
    cleanups.push(() => dir.remove());
    const unpacked = join(dir.path, 'win-unpacked');
    const arm = join(dir.path, 'win-arm64-unpacked');
    for (const folder of [unpacked, arm]) mkdirSync(folder);
    const good = fakeElectronBinary(unpacked, 'PIM Steward.exe');
    await flipLikeElectronBuilder(good, SECURITY_FUSES);
    fakeElectronBinary(arm, 'PIM Steward.exe');
    expect(packagedExecutables(dir.path, 'PIM Steward').sort()).toEqual(
      [join(arm, 'PIM Steward.exe'), good].sort(),
    );
    const result = {
      outDir: dir.path,
      artifactPaths: [],
      platformToTargets: new Map(),
      configuration: config,
    };
    await expect(afterAllArtifactBuild(result)).rejects.toThrow(
      /win-arm64-unpacked.*runAsNode: expected off/s,
    );
    await flipLikeElectronBuilder(join(arm, 'PIM Steward.exe'), SECURITY_FUSES);
    await expect(afterAllArtifactBuild(result)).resolves.toEqual([]);
    expect(existsSync(join(dir.path, 'mac'))).toBe(false);
  });
});
