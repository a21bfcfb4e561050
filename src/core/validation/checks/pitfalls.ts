/**
 * What spreadsheets do to catalog data, recognised from the damaged value, each with the exact
 * change to make. Only three fixes are safe enough to apply automatically in a corrected file:
 * trimming stray spaces, straightening smart quotes, and turning a decimal comma into a dot where
 * the column is numeric. Everything else (serial dates, lost leading zeros, scientific notation)
 * loses information a program cannot restore, so the message says what to do instead.
 */

export interface Finding {
  rule: string;
  message: string;
  /** The corrected value, only for the safe automatic fixes. */
  fix?: string;
}

/** Whitespace a spreadsheet or a copy from a web page leaves around values (incl. no-break space). */
export function hasStraySpace(v: string): boolean {
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(v.length - 1);
  return first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 || first === 0xfeff;
}

/** Trim as the remotes do, plus the no-break space and a stray BOM that String.trim keeps or not. */
export function trimValue(v: string): string {
  return v.replace(/^[\s\u00a0\ufeff]+|[\s\u00a0\ufeff]+$/g, '');
}

const SMART = /[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033]/;
const SMART_ALL = /[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033]/g;
const STRAIGHT: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
};

export function hasSmartQuotes(v: string): boolean {
  return SMART.test(v);
}

export function straightenQuotes(v: string): string {
  return v.replace(SMART_ALL, (c) => STRAIGHT[c] ?? c);
}

export function spacesFinding(v: string): Finding {
  const fixed = trimValue(v);
  return {
    rule: 'text.spaces',
    message: `Leading or trailing spaces around "${fixed}": remove them (the corrected file does).`,
    fix: fixed,
  };
}

export function smartQuotesFinding(v: string): Finding {
  const fixed = straightenQuotes(v);
  return {
    rule: 'text.smart-quotes',
    message: `Typographic (smart) quotes, usually added by Excel's AutoCorrect: write ${fixed} with straight quotes (the corrected file does).`,
    fix: fixed,
  };
}

/** Decimal comma forms that can only mean one number: `3,99`, `-0,5`, `1.234,56`, `1 234,56`. */
export function decimalCommaFix(v: string): string | undefined {
  if (/^-?\d+,\d+$/.test(v) && !/^-?\d{1,3},\d{3}$/.test(v)) return v.replace(',', '.');
  if (/^-?\d{1,3}([.\u00a0 ]\d{3})+,\d+$/.test(v)) return v.replace(/[.\u00a0 ]/g, '').replace(',', '.');
  return undefined;
}

/** Why a value is not a number with a dot decimal, and what to write instead. */
export function explainNumber(v: string, integer: boolean): Finding {
  const want = integer ? 'a whole number' : 'a number with a dot as decimal separator';
  const rule = integer ? 'type.integer' : 'type.float';
  const comma = decimalCommaFix(v);
  if (comma !== undefined) {
    if (integer) return { rule, message: `"${v}" is not ${want}.` };
    return {
      rule: 'excel.decimal-comma',
      message: `"${v}" uses a decimal comma: write ${comma} (the corrected file does).`,
      fix: comma,
    };
  }
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(v)) {
    const plain = v.replace(/,/g, '');
    return {
      rule,
      message: `"${v}" has thousands separators or is a decimal comma: write ${plain} if it means ${plain}, or ${v.replace(',', '.')} if the comma is the decimal point.`,
    };
  }
  if (/^-?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(v)) {
    const n = Number(v);
    const plain = Number.isFinite(n) && Math.abs(n) < 1e21 ? String(n) : undefined;
    return {
      rule: 'excel.scientific',
      message: plain
        ? `"${v}" is in scientific notation: write ${plain}.`
        : `"${v}" is in scientific notation: write the full number.`,
    };
  }
  if (integer && /^-?\d+\.0+$/.test(v))
    return { rule, message: `"${v}" is not ${want}: write ${v.split('.')[0]}.` };
  if (/^[+]\d/.test(v)) return { rule, message: `"${v}" starts with +: write ${v.slice(1)}.` };
  if (/^-?\.\d+$/.test(v))
    return { rule, message: `"${v}" needs a leading zero: write ${v.replace('.', '0.')}.` };
  const stripped = v.replace(/[€$£¥%\s\u00a0]|EUR|USD|GBP|CZK|PLN|CHF/gi, '');
  if (stripped !== v && /^-?\d+(\.\d+)?$/.test(stripped)) {
    return { rule, message: `"${v}" contains a currency, unit or space: write ${stripped}.` };
  }
  return { rule, message: `"${v}" is not ${want}.` };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel's 1900 date system (with its fictional 1900-02-29) as an ISO date and time. */
export function serialToIso(serial: number): { date: string; time: string } {
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  const d = new Date(ms);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

/** Serial numbers between 1954 and 2119: numbers that are almost certainly Excel dates. */
export function looksLikeSerialDate(v: string): boolean {
  if (!/^\d{5}(\.\d+)?$/.test(v)) return false;
  const n = Number(v);
  return n >= 20000 && n <= 80000;
}

export function explainDate(v: string, withTime: boolean): Finding {
  const rule = withTime ? 'type.datetime' : 'type.date';
  const want = withTime ? 'YYYY-MM-DD HH:MM:SS' : 'YYYY-MM-DD';
  if (looksLikeSerialDate(v)) {
    const iso = serialToIso(Number(v));
    const value = withTime ? `${iso.date} ${iso.time}` : iso.date;
    return {
      rule: 'excel.serial-date',
      message: `"${v}" is a date Excel turned into its serial number: write ${value} (format the column as Text before typing dates).`,
    };
  }
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (dmy) {
    const iso = `${dmy[3]}-${pad(Number(dmy[2]))}-${pad(Number(dmy[1]))}`;
    return { rule, message: `"${v}" must be written ${want}: write ${withTime ? `${iso} 00:00:00` : iso}.` };
  }
  if (withTime && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v)) {
    return { rule, message: `"${v}" must be written ${want}: write ${v.slice(0, 10)} ${v.slice(11, 19)}.` };
  }
  if (withTime && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    return { rule, message: `"${v}" has no time: write ${v} 00:00:00.` };
  }
  if (!withTime && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(v)) {
    return { rule, message: `"${v}" has a time the date column does not take: write ${v.slice(0, 10)}.` };
  }
  if (/^\d{4}-\d{1,2}-\d{1,2}/.test(v) || /^\d{4}-\d{2}-\d{2}/.test(v)) {
    return { rule, message: `"${v}" is not a real calendar date in the form ${want}.` };
  }
  return { rule, message: `"${v}" must be a date written ${want}.` };
}
