/**
 * CSV reading: a bounded probe (encoding, delimiter, line break and the first rows, for template
 * detection and the header), then a streaming parse of a byte range: fs stream → iconv-lite
 * decoder → papaparse in chunk mode. papaparse keeps an unfinished record in memory and re-reads it
 * with every chunk, so a record is capped (an unclosed quote would otherwise swallow the file with
 * quadratic work); the cap is far above any real record and above Excel's cell limit.
 */
import { createReadStream, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { detectEncoding, SAMPLE_BYTES } from './encoding';
import type { EncodingGuess } from './encoding';

export const PROBE_ROWS = 12;
/** The header must fit here; longer headers are a hostile or broken file. */
export const MAX_PROBE_BYTES = 4 * 1024 * 1024;
/** The largest single record (line) read; beyond it the file is reported unreadable. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** 64 KB reads: papaparse re-joins a partial record per chunk, and larger chunks parsed slower here. */
const READ_CHUNK = 64 * 1024;

export interface CsvProbe {
  size: number;
  guess: EncodingGuess;
  delimiter: string;
  newline: '\r\n' | '\n' | '\r';
  /** The first complete records (raw cells, untrimmed). */
  rows: string[][];
  /** Bytes the probed rows took, to estimate the row count. */
  probedBytes: number;
  /** The probe read the whole file. */
  complete: boolean;
}

export class UnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableError';
  }
}

function readHead(path: string, bytes: number): { buf: Buffer; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(bytes, size));
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return { buf: buf.subarray(0, got), size };
  } finally {
    closeSync(fd);
  }
}

/** Reads up to PROBE_ROWS records from the start, growing the sample until the header is whole. */
export function probeCsv(path: string, forcedEncoding?: string): CsvProbe {
  let want = SAMPLE_BYTES;
  for (;;) {
    const { buf, size } = readHead(path, want);
    if (size === 0) throw new UnreadableError('The file is empty (0 bytes).');
    const complete = buf.length >= size;
    const guess = forcedEncoding
      ? { encoding: forcedEncoding, bomLength: 0, confidence: 100, how: 'bom' as const }
      : detectEncoding(buf.subarray(0, SAMPLE_BYTES), complete && buf.length <= SAMPLE_BYTES);
    const text = iconv.decode(buf.subarray(guess.bomLength), guess.encoding, { stripBOM: true });
    if (text.trim() === '') throw new UnreadableError('The file holds no text (only blanks or line breaks).');
    const parsed = Papa.parse<string[]>(text, { preview: PROBE_ROWS + 1, skipEmptyLines: 'greedy' });
    const rows = parsed.data;
    // Without the whole file, the last record may be cut in the middle.
    if (!complete && rows.length <= PROBE_ROWS) rows.pop();
    if (rows.length > 0 || complete) {
      const delimiter = parsed.meta.delimiter || ',';
      const newline = (parsed.meta.linebreak || '\n') as CsvProbe['newline'];
      const kept = rows.slice(0, PROBE_ROWS);
      const probedBytes =
        kept.length === rows.length && complete ? buf.length : Math.max(1, parsed.meta.cursor);
      return { size, guess, delimiter, newline, rows: kept, probedBytes, complete };
    }
    if (want >= MAX_PROBE_BYTES) {
      throw new UnreadableError(
        `The first record is longer than ${MAX_PROBE_BYTES / 1024 / 1024} MB: probably not a CSV file, or a quote that is never closed.`,
      );
    }
    want *= 4;
  }
}

export interface ParseChunk {
  rows: string[][];
  errors: Papa.ParseError[];
}

export interface StreamCsvOptions {
  path: string;
  encoding: string;
  delimiter: string;
  newline: string;
  /** Byte range [start, end) of the file; start skips a BOM. */
  start: number;
  end: number;
  onChunk(chunk: ParseChunk): void;
  onBytes(n: number): void;
  signal?: AbortSignal;
}

/**
 * Streams a byte range through the decoder and papaparse. Resolves when the range is parsed, or
 * early with `overlong: true` when one record grew past MAX_RECORD_BYTES (the rest is not read).
 */
export function streamCsv(opts: StreamCsvOptions): Promise<{ overlong: boolean }> {
  return new Promise<{ overlong: boolean }>((resolve, reject) => {
    if (opts.end <= opts.start) return resolve({ overlong: false });
    const raw = createReadStream(opts.path, {
      start: opts.start,
      end: opts.end - 1,
      highWaterMark: READ_CHUNK,
    });
    const decoder = iconv.decodeStream(opts.encoding, { stripBOM: opts.start === 0 });
    let pending = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      raw.destroy();
      reject(err);
    };
    raw.on('data', (buf) => {
      pending += buf.length;
      opts.onBytes(buf.length);
      if (pending > MAX_RECORD_BYTES && !failed) {
        failed = true;
        raw.destroy();
        resolve({ overlong: true });
      }
    });
    raw.on('error', (err) => fail(err));
    decoder.on('error', (err: Error) =>
      fail(new UnreadableError(`The text cannot be decoded as ${opts.encoding}: ${err.message}`)),
    );
    opts.signal?.addEventListener('abort', () => fail(new Error('aborted')), { once: true });
    Papa.parse(
      raw.pipe(decoder) as unknown as File,
      {
        delimiter: opts.delimiter,
        newline: opts.newline as Papa.ParseConfig['newline'],
        quoteChar: '"',
        skipEmptyLines: false,
        chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
          if (failed) return parser.abort();
          if (results.data.length > 0) pending = 0;
          try {
            opts.onChunk({ rows: results.data, errors: results.errors });
          } catch (err) {
            parser.abort();
            fail(err as Error);
          }
        },
        complete() {
          if (!failed) resolve({ overlong: false });
        },
        error(err: Error) {
          fail(err);
        },
      } as Papa.ParseConfig<string[]> as never,
    );
  });
}
