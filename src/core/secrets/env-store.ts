/**
 * Read-only secrets from environment variables, for scheduled CLI runs where nobody can type a
 * password: `STEWARD_SECRET_<KEY>` by convention (the key upper-cased, every run of other characters
 * an underscore: `conn_1.token` → `STEWARD_SECRET_CONN_1_TOKEN`), or an explicit variable per key
 * (`steward sync --token-env WEXBO_TOKEN` maps the connection's token key to `WEXBO_TOKEN`).
 */
import { StewardError } from '../../shared/errors';
import type { SecretStore } from './secret-store';

export const ENV_SECRET_PREFIX = 'STEWARD_SECRET_';

export interface EnvSecretStoreOptions {
  /** Defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Secret key → environment variable name, checked before the conventional name. */
  names?: Readonly<Record<string, string>>;
}

/** The conventional variable name for a secret key. */
export function envNameForSecret(key: string): string {
  return `${ENV_SECRET_PREFIX}${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

export function createEnvSecretStore(opts: EnvSecretStoreOptions = {}): SecretStore {
  const env = opts.env ?? process.env;
  const names = opts.names ?? {};
  const variableFor = (key: string): string =>
    Object.hasOwn(names, key) ? (names[key] as string) : envNameForSecret(key);
  const readOnly = (key: string): Promise<never> =>
    Promise.reject(
      new StewardError(
        'forbidden',
        `Secrets from environment variables are read-only: set ${variableFor(key)} in the environment instead.`,
      ),
    );
  return {
    async get(key) {
      const value = env[variableFor(key)];
      // An empty variable is how shells "unset" in scripts; it is never a real credential.
      return value === undefined || value === '' ? undefined : value;
    },
    set: (key) => readOnly(key),
    delete: (key) => readOnly(key),
  };
}
