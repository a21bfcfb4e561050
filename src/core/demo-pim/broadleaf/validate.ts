/**
 * Header and record validation of a Broadleaf import file against its specification. Error objects
 * have the seed's shape: {"fieldName","fieldValue","rowNumber","message"}
 * (seeds/002_dd6ca172e7a2ab05.txt, the recordValidation example).
 */
import { MESSAGES, columnFor, validType } from './specs';
import type { Specification } from './specs';
import type { Table } from './parse';

export interface FieldError {
  fieldName: string;
  fieldValue: string;
  rowNumber: number;
  message: string;
}

export interface Validation {
  headerValidation: FieldError[];
  recordValidation: FieldError[];
  records: Record<string, string>[];
}

/** Keeps the error strings of a hopeless million-row file bounded. */
export const MAX_RECORD_ERRORS = 10_000;

export type RejectFor = (key: string) => string | undefined;

function validateHeader(spec: Specification, header: string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const required of spec.requiredHeaders) {
    if (!header.includes(required)) {
      errors.push({ fieldName: required, fieldValue: '', rowNumber: 0, message: MESSAGES.missingHeader });
    }
  }
  for (const h of header) {
    if (!columnFor(spec, h))
      errors.push({ fieldName: h, fieldValue: h, rowNumber: 0, message: MESSAGES.unknownHeader });
  }
  return errors;
}

function validateRecord(
  spec: Specification,
  rec: Record<string, string>,
  rowNumber: number,
  rejectFor: RejectFor,
) {
  const errors: FieldError[] = [];
  for (const [fieldName, fieldValue] of Object.entries(rec)) {
    const column = columnFor(spec, fieldName);
    if (column?.required && fieldValue === '') {
      errors.push({ fieldName, fieldValue, rowNumber, message: MESSAGES.missingData });
    } else if (!validType(column?.type, fieldValue)) {
      errors.push({ fieldName, fieldValue, rowNumber, message: MESSAGES.badNumber });
    }
  }
  const key = rec[spec.key] ?? '';
  const rejected = key === '' ? undefined : rejectFor(key);
  if (rejected) errors.push({ fieldName: spec.key, fieldValue: key, rowNumber, message: rejected });
  return errors;
}

export function validateTable(spec: Specification, table: Table, rejectFor: RejectFor): Validation {
  const headerValidation = validateHeader(spec, table.header);
  if (headerValidation.length) return { headerValidation, recordValidation: [], records: [] };
  const recordValidation: FieldError[] = [];
  const records: Record<string, string>[] = [];
  const malformed = new Set(table.malformed);
  for (const [i, cells] of table.rows.entries()) {
    if (recordValidation.length >= MAX_RECORD_ERRORS) break;
    const rowNumber = i + 1;
    if (malformed.has(rowNumber)) {
      recordValidation.push({ fieldName: '', fieldValue: '', rowNumber, message: MESSAGES.malformed });
      continue;
    }
    const rec: Record<string, string> = {};
    table.header.forEach((h, c) => (rec[h] = (cells[c] ?? '').trim()));
    recordValidation.push(...validateRecord(spec, rec, rowNumber, rejectFor));
    records.push(rec);
  }
  return { headerValidation, recordValidation, records };
}
