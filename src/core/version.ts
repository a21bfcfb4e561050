import pkg from '../../package.json' with { type: 'json' };

// One source for the CLI, the web host and the desktop app (bundled into the Electron build by vite).
export const APP_VERSION: string = pkg.version;
