/**
 * RFC 8288 `Link` header parsing. WEXBO sends `<url>; rel="next", <url>; rel="last", …` for paging
 * (001_15500709165aa147.txt, Response / Pagination). URLs may contain commas and semicolons, so the
 * header is scanned, not split.
 */

export interface LinkRelations {
  self?: string;
  first?: string;
  prev?: string;
  next?: string;
  last?: string;
  [rel: string]: string | undefined;
}

/** Returns rel → URL; a link with several rels (`rel="prev first"`) is filed under each. */
export function parseLinkHeader(value: string | undefined | null): LinkRelations {
  const links: LinkRelations = {};
  if (!value) return links;
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('<', i);
    if (open < 0) break;
    const close = value.indexOf('>', open + 1);
    if (close < 0) break;
    const url = value.slice(open + 1, close).trim();
    // Parameters run until the next comma that is outside quotes.
    let j = close + 1;
    let quoted = false;
    while (j < value.length && (quoted || value[j] !== ',')) {
      if (value[j] === '"') quoted = !quoted;
      j++;
    }
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(value.slice(close + 1, j));
    for (const name of (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean)) {
      // IANA registers both `prev` (WEXBO's) and `previous`; file them together.
      const key = name.toLowerCase() === 'previous' ? 'prev' : name.toLowerCase();
      links[key] ??= url;
    }
    i = j + 1;
  }
  return links;
}
