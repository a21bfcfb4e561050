/**
 * The app's identity, shared by the packaging config (electron-builder.config.ts) and main: the
 * Windows AppUserModelID must equal the installer's appId, or notifications and taskbar progress
 * are not attributed to the app. No imports: the build config loads this file.
 */
export const APP_ID = 'com.pimsteward.desktop';
export const PRODUCT_NAME = 'PIM Steward';
/** Windows code-signing certificate subject; electron-updater checks updates are signed by it. */
export const WINDOWS_PUBLISHER_NAME = 'PIM Steward GmbH';
/** Update feed (electron-updater "generic" provider): `<base>/<latest|beta>[-mac].yml` and the artifacts. */
export const DEFAULT_UPDATE_URL = 'https://updates.pimsteward.example/desktop';
