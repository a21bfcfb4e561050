/** The secrets port and its Node adapters (Electron safeStorage lives in src/main). */
export type { SecretStore } from './secret-store';
export { connectionSecretKey, createChainedSecretStore, createMemorySecretStore } from './secret-store';
export { createEnvSecretStore, envNameForSecret, ENV_SECRET_PREFIX } from './env-store';
export type { EnvSecretStoreOptions } from './env-store';
export { createFileSecretStore, PASSPHRASE_ENV } from './file-store';
export type { FileSecretStoreOptions } from './file-store';
