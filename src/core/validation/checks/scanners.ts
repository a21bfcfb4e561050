/**
 * The number, date and GTIN tests of the hot loop, as hand-written character scanners rather
 * than regular expressions: they run for tens of millions of cells, and a loop over char codes
 * allocates no match array and is several times faster (bench/validate-csv.bench.ts).
 * Hot helpers are module-level functions, never closures made per call: under tsx (esbuild's
 * keepNames) every closure creation also renames the function, which cost more than the check.
 */

function digit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function digitAt(v: string, i: number): boolean {
  const c = v.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** WEXBO "integer": an optional minus and digits. */
export function isInteger(v: string): boolean {
  const n = v.length;
  let i = n > 1 && v.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  for (; i < n; i++) if (!digit(v.charCodeAt(i))) return false;
  return true;
}

/** WEXBO "float (dot separator)", /^-?\d+(\.\d+)?$/: the Broadleaf and Wizart simulators' pattern. */
export function isFloat(v: string): boolean {
  const n = v.length;
  let i = n > 1 && v.charCodeAt(0) === 45 ? 1 : 0;
  const first = i;
  while (i < n && digit(v.charCodeAt(i))) i++;
  if (i === first) return false;
  if (i === n) return true;
  if (v.charCodeAt(i) !== 46 || i === n - 1) return false;
  for (i++; i < n; i++) if (!digit(v.charCodeAt(i))) return false;
  return true;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function num2(v: string, i: number): number {
  return (v.charCodeAt(i) - 48) * 10 + v.charCodeAt(i + 1) - 48;
}

/** The first 10 characters are YYYY-MM-DD and a real calendar date. */
function dateAtStart(v: string): boolean {
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  if (!(digitAt(v, 0) && digitAt(v, 1) && digitAt(v, 2) && digitAt(v, 3))) return false;
  if (!(digitAt(v, 5) && digitAt(v, 6) && digitAt(v, 8) && digitAt(v, 9))) return false;
  const year = num2(v, 0) * 100 + num2(v, 2);
  const month = num2(v, 5);
  const day = num2(v, 8);
  if (month < 1 || month > 12 || day < 1 || day > (DAYS[month - 1] as number)) return false;
  return month !== 2 || day !== 29 || (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** YYYY-MM-DD that is a real calendar date. */
export function isDate(v: string): boolean {
  return v.length === 10 && dateAtStart(v);
}

/** YYYY-MM-DD HH:MM:SS (WEXBO datetime). */
export function isDateTime(v: string): boolean {
  if (v.length !== 19 || v.charCodeAt(10) !== 32 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58)
    return false;
  if (!(
    digitAt(v, 11) &&
    digitAt(v, 12) &&
    digitAt(v, 14) &&
    digitAt(v, 15) &&
    digitAt(v, 17) &&
    digitAt(v, 18)
  ))
    return false;
  return dateAtStart(v) && num2(v, 11) < 24 && num2(v, 14) < 60 && num2(v, 17) < 60;
}

/** An 8, 12, 13 or 14 digit GTIN with the right GS1 check digit, in one pass. */
export function isGtin(v: string): boolean {
  const n = v.length;
  if (n !== 8 && n !== 12 && n !== 13 && n !== 14) return false;
  let sum = 0;
  for (let i = n - 2, w = 3; i >= 0; i--, w = 4 - w) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    sum += c * w;
  }
  const check = v.charCodeAt(n - 1) - 48;
  return check >= 0 && check <= 9 && (10 - (sum % 10)) % 10 === check;
}
