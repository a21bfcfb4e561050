#!/usr/bin/env node
/**
 * Builds better-sqlite3 for the installed Electron's ABI, leaving node_modules/better-sqlite3 built
 * for Node so `npm test` keeps working. Core receives the path through CoreOptions.nativeBinding
 * (better-sqlite3's `nativeBinding` option).
 *
 *   node scripts/rebuild-electron-sqlite.mjs                         this machine (development)
 *   node scripts/rebuild-electron-sqlite.mjs --platform win32 --arch arm64 --arch x64   packaging
 *
 * Output: resources/native/electron-<os>-<arch>/better_sqlite3.node (os: mac, win, linux, as
 * electron-builder's `${os}` macro names them; packaging copies it to
 * `<resourcesPath>/native/electron/`), and for this machine's own platform and arch also
 * resources/native/electron/better_sqlite3.node, where development runs look for it.
 *
 * Each target is fetched as a prebuilt binary (prebuild-install, from better-sqlite3's releases)
 * or, failing that and only for this machine's platform, compiled with node-gyp against Electron's
 * headers. Both need network access the first time; a stamp file skips targets already built.
 * The work happens in a temporary copy of the package, never in node_modules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const sqliteVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'),
).version;

/** electron-builder's `${os}` for a Node platform name. */
export const OS_KEYS = { darwin: 'mac', win32: 'win', linux: 'linux' };

export function targetDir(platform, arch) {
  const os = OS_KEYS[platform];
  if (!os) throw new Error(`Unsupported platform: ${platform}`);
  return join(root, 'resources', 'native', `electron-${os}-${arch}`);
}

function nodeGypPath() {
  try {
    return join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
  } catch {
    return join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
  }
}

function prebuildInstallPath() {
  const pkg = require.resolve('prebuild-install/package.json', {
    paths: [join(root, 'node_modules', 'better-sqlite3')],
  });
  return join(dirname(pkg), 'bin.js');
}

function run(args, cwd) {
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  return r.status === 0;
}

/** Builds one target into its folder; returns the path of the binary. */
function buildTarget(platform, arch) {
  const outDir = targetDir(platform, arch);
  const binary = join(outDir, 'better_sqlite3.node');
  const stamp = join(outDir, `electron-${electronVersion}-better-sqlite3-${sqliteVersion}.stamp`);
  if (existsSync(stamp) && existsSync(binary)) return binary;

  const work = mkdtempSync(join(tmpdir(), 'steward-sqlite-electron-'));
  try {
    const source = join(root, 'node_modules', 'better-sqlite3');
    // Everything but the Node build, which stays untouched in node_modules.
    cpSync(source, work, { recursive: true, filter: (p) => relative(source, p).split(sep)[0] !== 'build' });
    let ok = false;
    try {
      ok = run(
        [
          prebuildInstallPath(),
          '--runtime=electron',
          `--target=${electronVersion}`,
          `--arch=${arch}`,
          `--platform=${platform}`,
          '--verbose',
        ],
        work,
      );
    } catch (err) {
      console.warn(`prebuild-install is not available: ${err.message}`);
    }
    if (!ok) {
      if (platform !== process.platform) {
        throw new Error(
          `No prebuilt better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} ${platform}-${arch}, ` +
            `and it can only be compiled on ${platform}.`,
        );
      }
      ok = run(
        [
          nodeGypPath(),
          'rebuild',
          '--release',
          `--target=${electronVersion}`,
          `--arch=${arch}`,
          '--runtime=electron',
          '--dist-url=https://electronjs.org/headers',
        ],
        work,
      );
      if (!ok) throw new Error(`node-gyp could not build better-sqlite3 for Electron ${platform}-${arch}.`);
    }
    mkdirSync(outDir, { recursive: true });
    copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binary);
    copyFileSync(join(work, 'package.json'), stamp);
    console.log(`better-sqlite3 built for Electron ${electronVersion} ${platform}-${arch} in ${outDir}`);
    return binary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Builds every requested target; the host's own also goes where development runs load it. */
export function rebuild({ platform = process.platform, arches = [process.arch] } = {}) {
  const built = [];
  for (const arch of arches) {
    const binary = buildTarget(platform, arch);
    if (platform === process.platform && arch === process.arch) {
      const devDir = join(root, 'resources', 'native', 'electron');
      mkdirSync(devDir, { recursive: true });
      copyFileSync(binary, join(devDir, 'better_sqlite3.node'));
    }
    built.push(binary);
  }
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      platform: { type: 'string', default: process.platform },
      arch: { type: 'string', multiple: true, default: [process.arch] },
    },
  });
  try {
    rebuild({ platform: values.platform, arches: values.arch });
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
