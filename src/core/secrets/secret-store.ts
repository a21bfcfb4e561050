/**
 * The secrets port. Core reads connection credentials only through a `SecretStore`; each shell picks
 * the adapter (DESIGN.md, Data model): Electron safeStorage on the desktop (src/main), an encrypted
 * file for the web shell and the CLI, environment variables for scheduled CLI runs, memory in tests.
 * Secrets never go to SQLite, logs or error messages, and never to disk in plain text.
 */
import { StewardError } from '../../shared/errors';

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The conventional key of one credential field of a connection, e.g. `conn_1.token`. */
export function connectionSecretKey(connectionId: string, field: string): string {
  return `${connectionId}.${field}`;
}

export function assertSecretKey(key: string): void {
  if (typeof key !== 'string' || key.trim() === '') {
    throw new StewardError('invalid_input', 'A secret needs a non-empty key.');
  }
}

/** Keeps secrets in a Map: for tests and for credentials typed in for one run only. */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      assertSecretKey(key);
      values.set(key, value);
    },
    delete: async (key) => {
      values.delete(key);
    },
  };
}

/**
 * Reads from the first store that has the key, writes to `writable` (for the CLI: environment
 * variables override the encrypted file, and `steward connect` saves into the file).
 */
export function createChainedSecretStore(
  readers: readonly SecretStore[],
  writable: SecretStore,
): SecretStore {
  return {
    async get(key) {
      for (const store of readers) {
        const value = await store.get(key);
        if (value !== undefined) return value;
      }
      return undefined;
    },
    set: (key, value) => writable.set(key, value),
    delete: (key) => writable.delete(key),
  };
}
