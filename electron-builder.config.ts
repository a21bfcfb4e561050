/**
 * Installers (electron-builder): Windows NSIS (x64, arm64) and macOS dmg + zip (x64, arm64, hardened
 * runtime, notarized), with the security fuses set and verified, the Electron build of
 * better-sqlite3 outside the asar, and the update feed electron-updater reads. Run through
 * `npm run dist:win` / `npm run dist:mac` (scripts/dist.mjs); see docs/release.md.
 *
 * Values that differ per organisation come from the environment at build time:
 * STEWARD_UPDATE_URL (update feed), STEWARD_WIN_PUBLISHER (certificate subject), STEWARD_RELEASE=1
 * (refuse to produce unsigned installers). Signing credentials are electron-builder's usual
 * variables (CSC_LINK, CSC_KEY_PASSWORD, APPLE_API_KEY…), never this file.
 */
import type { Configuration } from 'electron-builder';
import { APP_ID, DEFAULT_UPDATE_URL, PRODUCT_NAME, WINDOWS_PUBLISHER_NAME } from './src/main/app-identity';
import { afterAllArtifactBuild, beforePack } from './scripts/packaging/hooks';

const env = process.env;

/**
 * Fuses (https://www.electronjs.org/docs/latest/tutorial/fuses): no running the binary as plain
 * Node, no NODE_OPTIONS / --inspect to inject code, only the integrity-checked app.asar loads, and
 * file:// gets no extra privileges (the app uses app://). Cookies are encrypted at rest. The core
 * host is an Electron utilityProcess, which works with RunAsNode off.
 */
export const SECURITY_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const;

export const updateUrl = env.STEWARD_UPDATE_URL?.trim() || DEFAULT_UPDATE_URL;
export const publisherName = env.STEWARD_WIN_PUBLISHER?.trim() || WINDOWS_PUBLISHER_NAME;

const config: Configuration = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  copyright: `Copyright © ${new Date().getFullYear()} ${WINDOWS_PUBLISHER_NAME}`,
  directories: { output: 'dist', buildResources: 'build' },
  // The built app only: main, core host, preload, renderer (no source maps) and package.json;
  // production dependencies are added by electron-builder.
  files: ['out/**/*', '!out/**/*.map', 'package.json'],
  asar: true,
  // Native addons cannot be loaded from inside an archive.
  asarUnpack: ['**/*.node'],
  // node_modules stays built for Node (npm test); the Electron build of better-sqlite3 is made per
  // target by the beforePack hook and shipped outside the asar, where core loads it
  // (CoreOptions.nativeBinding, src/main/paths.ts).
  npmRebuild: false,
  extraResources: [
    {
      from: 'resources/native/electron-${os}-${arch}',
      to: 'native/electron',
      filter: ['better_sqlite3.node'],
    },
  ],
  electronFuses: SECURITY_FUSES,
  beforePack,
  afterAllArtifactBuild,
  forceCodeSigning: env.STEWARD_RELEASE === '1',
  // electron-updater's feed: `latest.yml` / `beta.yml` (+ `-mac`) beside the installers. A stable
  // release also writes the beta files, so beta users get it too.
  publish: [{ provider: 'generic', url: updateUrl }],
  detectUpdateChannel: true,
  generateUpdatesFilesForAllChannels: true,

  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    // Updates are installed only if signed by this publisher (electron-updater checks it).
    verifyUpdateCodeSignature: true,
    signtoolOptions: {
      publisherName,
      signingHashAlgorithms: ['sha256'],
      rfc3161TimeStampServer: 'http://timestamp.digicert.com',
    },
    requestedExecutionLevel: 'asInvoker',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    // The data folder (database, credentials, logs) survives an uninstall.
    deleteAppDataOnUninstall: false,
    differentialPackage: true,
    artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
  },

  mac: {
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      // The zip is what electron-updater downloads on macOS.
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    category: 'public.app-category.business',
    minimumSystemVersion: '12.0',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.inherit.plist',
    // Notarized when APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER (or APPLE_ID +
    // APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID) are set; skipped with a warning otherwise.
    notarize: true,
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  dmg: {
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
};

export default config;
