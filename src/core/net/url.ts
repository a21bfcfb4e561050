/**
 * URL building for the HTTP client: TLS policy, path joining and RFC 3986 query encoding.
 *
 * Queries are encoded with RFC 3986 percent-encoding (space = %20, never `+`) because OAuth 1.0a
 * signs the decoded parameters and Magento decodes the query with rawurldecode, which leaves `+`
 * alone (003_f9a1ab627ff386f6.txt): a `+` on the wire would make the signatures differ.
 */
import { StewardError } from '../../shared/errors';

export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | null | undefined | readonly QueryScalar[];
export type QueryParams = Readonly<Record<string, QueryValue>>;
export type QueryPair = readonly [key: string, value: string];

/** RFC 3986 unreserved characters stay, everything else is %XX (encodeURIComponent spares !'()*). */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Query parameters in order; arrays repeat the key (`fields[]` style names are the caller's). */
export function queryPairs(query: QueryParams | undefined): QueryPair[] {
  const pairs: QueryPair[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? (value as readonly QueryScalar[]) : [value as QueryScalar];
    for (const v of values) pairs.push([key, String(v)]);
  }
  return pairs;
}

export function encodePairs(pairs: readonly QueryPair[]): string {
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}

/** Splits a raw query the way the server will (`&`, then the first `=`), decoding each side. */
export function parseRawQuery(search: string): QueryPair[] {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return [];
  return raw.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [safeDecode(part), ''] : [safeDecode(part.slice(0, eq)), safeDecode(part.slice(eq + 1))];
  });
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts that may be reached over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m !== null && m.slice(1).every((octet) => Number(octet) <= 255);
}

/** Credentials never travel in clear text: https only, except to this machine (the demo PIM). */
export function assertSecureUrl(url: URL): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  if (url.protocol === 'http:') {
    throw new StewardError(
      'invalid_input',
      `Refusing to connect to ${url.host} over plain http: use an https:// address. ` +
        'Plain http is allowed only for this machine (127.0.0.1, ::1, localhost).',
    );
  }
  throw new StewardError(
    'invalid_input',
    `Unsupported address scheme "${url.protocol}" in ${url.origin}: use https://.`,
  );
}

export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new StewardError('invalid_input', `Not a valid server address: "${baseUrl}".`);
  }
  assertSecureUrl(url);
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * `path` is joined below the base URL (`products/1` → `{base}/products/1`). An absolute URL (a WEXBO
 * `Link` header, a Broadleaf `statusUrl` resolved by the caller) is accepted only on the base URL's
 * origin, so credentials are never sent to another host.
 */
export function resolveRequestUrl(base: URL, path: string): URL {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    const url = new URL(path);
    if (url.origin !== base.origin) {
      throw new StewardError(
        'invalid_input',
        `Refusing to send this connection's credentials to ${url.origin}: it is not ${base.origin}.`,
      );
    }
    assertSecureUrl(url);
    url.hash = '';
    return url;
  }
  const url = new URL(base.href);
  const [pathPart = '', search = ''] = path.split(/\?(.*)/s, 2);
  const basePath = url.pathname.replace(/\/+$/, '');
  const rel = pathPart.replace(/^\/+/, '');
  url.pathname = rel === '' ? basePath || '/' : `${basePath}/${rel}`;
  url.search = search;
  return url;
}

/** The URL with extra query pairs appended after any query it already carries. */
export function withQuery(url: URL, pairs: readonly QueryPair[]): URL {
  if (pairs.length === 0) return url;
  const out = new URL(url.href);
  const existing = out.search.replace(/^\?/, '');
  out.search = existing === '' ? encodePairs(pairs) : `${existing}&${encodePairs(pairs)}`;
  return out;
}
