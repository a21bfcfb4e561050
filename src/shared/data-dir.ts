/**
 * The data folder, shared by the desktop app, the web shell and the CLI. It is the folder Electron
 * calls `userData` for the product name, so all three shells see the same mirror by default.
 * Pure: the caller passes platform, environment and home folder.
 */
export const PRODUCT_NAME = 'PIM Steward';

export function appDataDir(platform: string, env: Record<string, string | undefined>, home: string): string {
  if (platform === 'win32') return env.APPDATA ?? `${home}\\AppData\\Roaming`;
  if (platform === 'darwin') return `${home}/Library/Application Support`;
  return env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : `${home}/.config`;
}

export function defaultDataDir(
  platform: string,
  env: Record<string, string | undefined>,
  home: string,
): string {
  const override = env.STEWARD_DATA_DIR;
  if (override && override.trim() !== '') return override;
  const sep = platform === 'win32' ? '\\' : '/';
  return `${appDataDir(platform, env, home)}${sep}${PRODUCT_NAME}`;
}
