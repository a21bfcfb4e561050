/**
 * Reads the request body of a Broadleaf import into a header plus rows of strings: CSV by default,
 * XLSX when `fileType=XLSX` (seeds/002_dd6ca172e7a2ab05.txt, "Request Body").
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export interface Table {
  header: string[];
  rows: string[][];
  /** 1-based data rows that could not be read as a record. */
  malformed: number[];
}

export function parseCsv(body: Buffer): Table | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (!header) return { header: [], rows: [], malformed: [] };
  const malformed = new Set<number>();
  // Papaparse counts the header as row 0, so its row index is our 1-based data row.
  for (const e of parsed.errors) if (e.type === 'Quotes' && e.row !== undefined) malformed.add(e.row);
  rows.forEach((r, i) => {
    if (r.length !== header.length) malformed.add(i + 1);
  });
  return { header: header.map((h) => h.trim()), rows, malformed: [...malformed].sort((a, b) => a - b) };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined || typeof result === 'object' ? '' : String(result);
  }
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

export async function parseXlsx(body: Buffer): Promise<Table | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types name an older Buffer; the runtime accepts a Node Buffer.
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  } catch {
    return undefined;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return undefined;
  const lines: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    if (cells.some((v) => v !== '')) lines.push(cells);
  });
  const [rawHeader, ...rows] = lines;
  if (!rawHeader) return { header: [], rows: [], malformed: [] };
  // Trailing empty header cells are sheet width, not columns.
  let end = rawHeader.length;
  while (end > 0 && rawHeader[end - 1] === '') end--;
  const header = rawHeader.slice(0, end);
  return { header, rows: rows.map((r) => r.slice(0, end)), malformed: [] };
}
