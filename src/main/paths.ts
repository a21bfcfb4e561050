/**
 * File-system locations main decides: the data folder and the Electron build of the SQLite addon.
 *
 * better-sqlite3's native addon must match the ABI of the process that loads it. The core host runs
 * on Electron's Node, so it needs `better_sqlite3.node` rebuilt for Electron, which the build puts
 * in resources/native/electron/ (and packaging copies to `<resourcesPath>/native/electron/`).
 * Without it, core falls back to the default binding (fine under plain Node, e.g. the web shell).
 */
import { join } from 'node:path';

export const NATIVE_BINDING_SEGMENTS = ['native', 'electron', 'better_sqlite3.node'] as const;

export interface NativeBindingContext {
  isPackaged: boolean;
  /** `process.resourcesPath` (packaged app). */
  resourcesPath: string;
  /** `app.getAppPath()`: the project root in development. */
  appPath: string;
  exists: (path: string) => boolean;
}

export function nativeBindingPath(context: NativeBindingContext): string | undefined {
  const candidate = context.isPackaged
    ? join(context.resourcesPath, ...NATIVE_BINDING_SEGMENTS)
    : join(context.appPath, 'resources', ...NATIVE_BINDING_SEGMENTS);
  return context.exists(candidate) ? candidate : undefined;
}

/**
 * The data folder: `STEWARD_DATA_DIR` when set (as for the web shell and the CLI, see
 * src/shared/data-dir.ts), else Electron's userData, which is the same default folder.
 */
export function resolveDataDir(env: Record<string, string | undefined>, userData: string): string {
  const override = env.STEWARD_DATA_DIR;
  return override && override.trim() !== '' ? override : userData;
}
