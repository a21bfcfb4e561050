/**
 * One connector definition per remote kind, and the one way to build a live connector for a stored
 * connection: credentials from the secrets port, an HTTP client on the token's shared rate limiter.
 */
import type { Connection, ConnectionKind } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { createConnectionHttpClient, systemClock } from '../net';
import type { Clock, HttpAuth, HttpTransport } from '../net';
import type { SecretStore } from '../secrets';
import { connectionSecretKey } from '../secrets';
import { APP_VERSION } from '../version';
import type { Connector, ConnectorDefinition } from './types';
import { wexboConnector } from './wexbo';
import { etimConnector } from './etim';
import { wizartConnector } from './wizart';
import { broadleafConnector } from './broadleaf';
import { printxpandConnector } from './printxpand';

export const connectorDefinitions: Record<ConnectionKind, ConnectorDefinition> = {
  wexbo: wexboConnector,
  etim: etimConnector,
  wizart: wizartConnector,
  broadleaf: broadleafConnector,
  printxpand: printxpandConnector,
};

/**
 * Where a credential field lives: the environment variable named in the connection's settings
 * (`<field>Env`, set by `steward connect --token-env VAR`), else the secret store.
 */
export async function readSecret(
  conn: Pick<Connection, 'id' | 'settings'>,
  field: string,
  secrets: SecretStore,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<string> {
  const envName = conn.settings[`${field}Env`];
  const value = envName ? env[envName] : await secrets.get(connectionSecretKey(conn.id, field));
  if (value === undefined || value === '') {
    throw new StewardError(
      'unauthorized',
      envName
        ? `The ${field} of this connection comes from the environment variable ${envName}, which is not set.`
        : `No ${field} is stored for this connection. Edit the connection and enter it again.`,
    );
  }
  return value;
}

export async function authFor(
  def: ConnectorDefinition,
  conn: Pick<Connection, 'id' | 'settings'>,
  secrets: SecretStore,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<HttpAuth> {
  switch (def.capabilities.auth) {
    case 'bearer':
      return {
        kind: 'bearer',
        token: await readSecret(conn, 'token', secrets, env),
        ...(conn.settings.tokenType ? { tokenType: conn.settings.tokenType } : {}),
      };
    case 'basic':
      return {
        kind: 'basic',
        username: conn.settings.user ?? '',
        password: await readSecret(conn, 'password', secrets, env),
      };
    case 'oauth1':
      return {
        kind: 'oauth1',
        consumerKey: conn.settings.consumerKey ?? '',
        consumerSecret: await readSecret(conn, 'consumerSecret', secrets, env),
        token: conn.settings.accessToken ?? '',
        tokenSecret: await readSecret(conn, 'accessSecret', secrets, env),
        ...(conn.settings.signatureMethod === 'HMAC-SHA1' ? { signatureMethod: 'HMAC-SHA1' as const } : {}),
      };
  }
}

export interface ConnectorDeps {
  secrets: SecretStore;
  clock?: Clock;
  transport?: HttpTransport;
  env?: Readonly<Record<string, string | undefined>>;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: unknown) => void;
}

export async function connectorFor(conn: Connection, deps: ConnectorDeps): Promise<Connector> {
  const def = connectorDefinitions[conn.kind];
  const auth = await authFor(def, conn, deps.secrets, deps.env);
  const clock = deps.clock ?? systemClock;
  const http = createConnectionHttpClient({
    baseUrl: conn.baseUrl,
    auth,
    limits: def.capabilities.limits,
    userAgent: `PIM-Steward/${APP_VERSION}`,
    clock,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return def.create({
    connectionId: conn.id,
    baseUrl: conn.baseUrl,
    settings: { ...def.defaultSettings, ...conn.settings },
    http,
    clock,
    ...(deps.log ? { log: deps.log } : {}),
  });
}
