/**
 * Every failure of the HTTP layer is an `HttpError` with a `kind` the sync engine and the upload queue
 * switch on (DESIGN.md, Push): retry with backoff (rate_limited, maintenance, transient), split the
 * batch (payload_too_large), mark records rejected (validation), stop the connection (unauthorized,
 * locked, forbidden, version), pause it (payment_required). It is a StewardError, so when one reaches
 * the user the message is already written for them and carries the server's own words.
 */
import { STATUS_CODES } from 'node:http';
import { StewardError } from '../../shared/errors';
import type { ErrorCode } from '../../shared/errors';

export type HttpErrorKind =
  | 'rate_limited'
  | 'payload_too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'locked'
  | 'payment_required'
  | 'maintenance'
  | 'version'
  | 'validation'
  | 'not_found'
  | 'transient'
  | 'unexpected';

export interface HttpErrorInit {
  kind: HttpErrorKind;
  /** HTTP status; 0 when no response came back (network error, timeout, refused locally). */
  status: number;
  method: string;
  /** The request URL without its query string (queries can carry filters nobody needs in a log). */
  url: string;
  serverMessage?: string;
  field?: string;
  retryAfterMs?: number;
  /** The start of the response body, for diagnostics. */
  body?: string;
  /** What went wrong when there was no usable response. */
  detail?: string;
  cause?: unknown;
}

const RETRYABLE: ReadonlySet<HttpErrorKind> = new Set(['rate_limited', 'maintenance', 'transient']);

const CODE: Record<HttpErrorKind, ErrorCode> = {
  rate_limited: 'rate_limited',
  payload_too_large: 'invalid_input',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  locked: 'unauthorized',
  payment_required: 'forbidden',
  maintenance: 'unavailable',
  version: 'unavailable',
  validation: 'invalid_input',
  not_found: 'not_found',
  transient: 'unavailable',
  unexpected: 'unavailable',
};

const SUMMARY: Record<HttpErrorKind, string> = {
  rate_limited: 'The remote is rate-limiting requests',
  payload_too_large: 'The request is larger than the remote accepts',
  unauthorized: 'The remote did not accept the credentials',
  forbidden: 'The remote refused access',
  locked: 'The remote locked this account or token (too many failed logins, IP not allowed or token expired)',
  payment_required: 'The remote account has no credit left',
  maintenance: 'The remote is under maintenance',
  version: 'The remote requires a newer API version',
  validation: 'The remote rejected the data',
  not_found: 'The remote has no such record or endpoint',
  transient: 'The remote could not be reached or failed temporarily',
  unexpected: 'The remote answered unexpectedly',
};

function describe(init: HttpErrorInit): string {
  const status =
    init.status > 0 ? ` (${init.status} ${STATUS_CODES[init.status] ?? ''})`.replace(' )', ')') : '';
  const said = init.serverMessage ? `: ${init.serverMessage}` : init.detail ? `: ${init.detail}` : '';
  const field = init.field ? ` [field: ${init.field}]` : '';
  return `${SUMMARY[init.kind]}${status}${said}${field}. Request: ${init.method} ${init.url}`;
}

export class HttpError extends StewardError {
  readonly kind: HttpErrorKind;
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly serverMessage: string | undefined;
  readonly field: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly body: string | undefined;

  constructor(init: HttpErrorInit) {
    super(CODE[init.kind], describe(init), {
      kind: init.kind,
      status: init.status,
      ...(init.serverMessage ? { serverMessage: init.serverMessage } : {}),
      ...(init.field ? { field: init.field } : {}),
      ...(init.retryAfterMs !== undefined ? { retryAfterMs: init.retryAfterMs } : {}),
    });
    this.name = 'HttpError';
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.serverMessage = init.serverMessage;
    this.field = init.field;
    this.retryable = RETRYABLE.has(init.kind);
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
    if (init.cause !== undefined) this.cause = init.cause;
  }
}

export function isHttpError(err: unknown, kind?: HttpErrorKind): err is HttpError {
  return err instanceof HttpError && (kind === undefined || err.kind === kind);
}

/** Maps a non-2xx status to its kind. */
export function kindForStatus(status: number): HttpErrorKind {
  switch (status) {
    case 400:
    case 409:
    case 422:
      return 'validation';
    case 401:
      return 'unauthorized';
    case 402:
      return 'payment_required';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'not_found';
    case 408:
      return 'transient';
    case 413:
      return 'payload_too_large';
    case 423:
      return 'locked';
    case 426:
      return 'version';
    case 429:
      return 'rate_limited';
    case 503:
      return 'maintenance';
    // WEXBO: 501 is an unknown endpoint and 505 a request not sent over HTTPS; retrying cannot help
    // (001_15500709165aa147.txt, Response codes).
    case 501:
    case 505:
      return 'unexpected';
    default:
      return status >= 500 ? 'transient' : 'unexpected';
  }
}
