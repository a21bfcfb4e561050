/**
 * GTIN (EAN/UPC) checks with the damage spreadsheets do to them: scientific notation (digits are
 * gone for good, so never auto-fixed) and dropped leading zeros (the original length is unknown,
 * so the message offers the candidates). The GS1 check digit comes from the demo catalog's helper.
 */
import { gs1CheckDigit, isValidGtin } from '../../demo-pim/catalog/gtin';
import type { Finding } from './pitfalls';

const GTIN_LENGTHS = [8, 12, 13, 14];

export function checkGtin(v: string): Finding | null {
  const n = v.length;
  if ((n === 8 || n === 12 || n === 13 || n === 14) && isValidGtin(v)) return null;
  return explainGtin(v);
}

function explainGtin(v: string): Finding {
  if (/^\d+(\.\d+)?[eE]\+?\d+$/.test(v)) {
    return {
      rule: 'excel.scientific',
      message: `GTIN "${v}" is in scientific notation: its last digits are lost and cannot be restored here. Re-export the column from the source as Text (not fixable automatically).`,
    };
  }
  if (/^\d+\.0+$/.test(v)) {
    return { rule: 'gtin.format', message: `GTIN "${v}" has a decimal part: write ${v.split('.')[0]}.` };
  }
  if (/^[\d\s-]+$/.test(v) && /[\s-]/.test(v)) {
    const digits = v.replace(/[\s-]/g, '');
    return { rule: 'gtin.format', message: `GTIN "${v}" contains spaces or dashes: write ${digits}.` };
  }
  if (!/^\d+$/.test(v)) {
    return {
      rule: 'gtin.format',
      message: `GTIN "${v}" must contain digits only (8, 12, 13 or 14 of them).`,
    };
  }
  if (v.length > 14) {
    return {
      rule: 'gtin.format',
      message: `GTIN "${v}" has ${v.length} digits; a GTIN has 8, 12, 13 or 14.`,
    };
  }
  if (!GTIN_LENGTHS.includes(v.length)) {
    // Leading zeros do not change a GS1 check digit, so a valid one one digit short of GTIN-8 or
    // GTIN-12 (a UPC-A starting with 0) points at a zero Excel dropped from a number cell.
    const longer =
      v.length === 7
        ? [v.padStart(8, '0')]
        : v.length === 11
          ? [v.padStart(12, '0'), v.padStart(13, '0')]
          : [];
    if (longer.length > 0 && isValidGtin(v.padStart(14, '0'))) {
      return {
        rule: 'excel.leading-zeros',
        message: `GTIN "${v}" has ${v.length} digits: Excel probably dropped its leading zero(s). Write ${longer.join(' or ')} and format the column as Text.`,
      };
    }
    return {
      rule: 'gtin.format',
      message: `GTIN "${v}" has ${v.length} digits; a GTIN has 8, 12, 13 or 14.`,
    };
  }
  const expected = gs1CheckDigit(v.slice(0, -1));
  return {
    rule: 'gtin.check-digit',
    message: `GTIN "${v}" has a wrong check digit: the last digit should be ${expected}. Check the number with the supplier.`,
  };
}
