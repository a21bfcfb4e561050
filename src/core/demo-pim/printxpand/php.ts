/**
 * The few PHP string functions Magento's OAuth and request parsing rely on, with PHP's semantics
 * (malformed escapes are kept, `+` is a space only in urldecode, natural key order).
 */

/** PHP rawurldecode: %XX to bytes (UTF-8), anything else kept as is. */
export function rawUrlDecode(s: string): string {
  if (!s.includes('%')) return s;
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of s.matchAll(/%[0-9a-fA-F]{2}/g)) {
    parts.push(Buffer.from(s.slice(last, m.index), 'utf8'), Buffer.from([parseInt(m[0].slice(1), 16)]));
    last = m.index + 3;
  }
  parts.push(Buffer.from(s.slice(last), 'utf8'));
  return Buffer.concat(parts).toString('utf8');
}

/** PHP urldecode: rawurldecode plus `+` as a space. */
export function urlDecode(s: string): string {
  return rawUrlDecode(s.replace(/\+/g, ' '));
}

/** PHP rawurlencode (RFC 3986): everything but A-Z a-z 0-9 - _ . ~ is escaped. */
export function rawUrlEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** PHP strnatcmp: runs of digits compare as numbers, the rest byte by byte. */
export function strnatcmp(a: string, b: string): number {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (/^\d/.test(p) && /^\d/.test(q)) {
      const pn = p.replace(/^0+(?=\d)/, '');
      const qn = q.replace(/^0+(?=\d)/, '');
      if (pn.length !== qn.length) return pn.length - qn.length;
      if (pn !== qn) return pn < qn ? -1 : 1;
      continue;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

type PhpValue = string | PhpObject;
interface PhpObject {
  [key: string]: PhpValue;
}

/** PHP's parse of `a[b][]=c` query strings into nested maps (lists become 0..n-1 keys). */
export function parsePhpQuery(query: string): PhpObject {
  const root: PhpObject = {};
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = urlDecode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : urlDecode(pair.slice(eq + 1));
    const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    const path = m ? [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!)] : [rawKey];
    let node = root;
    path.forEach((segment, i) => {
      const key = segment === '' ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) {
        node[key] = value;
        return;
      }
      const next = node[key];
      node = typeof next === 'object' ? next : (node[key] = {});
    });
  }
  return root;
}
