/**
 * A yauzl RandomAccessReader over a file with a small block cache. yauzl's own file reader issues
 * two asynchronous reads per central directory entry (a thread-pool round trip each): 10,000
 * images took ~1 s here. Serving those small reads from 1 MB blocks lists the same directory in
 * ~0.15 s, which is what the 0.5 s cross-check target needs (bench/validate-zip.bench.ts).
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

const BLOCK = 1024 * 1024;
const KEEP = 8;
const SMALL_RANGE = 256 * 1024;

export class BlockReader extends yauzl.RandomAccessReader {
  readonly fd: number;
  readonly size: number;
  private readonly path: string;
  private readonly blocks = new Map<number, Buffer>();

  constructor(path: string) {
    super();
    this.path = path;
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  private block(i: number): Buffer {
    let b = this.blocks.get(i);
    if (!b) {
      b = Buffer.alloc(Math.max(0, Math.min(BLOCK, this.size - i * BLOCK)));
      readSync(this.fd, b, 0, b.length, i * BLOCK);
      if (this.blocks.size >= KEEP) this.blocks.delete(this.blocks.keys().next().value as number);
      this.blocks.set(i, b);
    }
    return b;
  }

  /** Synchronous positioned read of up to `length` bytes (fewer at the end of the file). */
  readAt(buffer: Buffer, length: number, position: number): number {
    let done = 0;
    while (done < length) {
      const p = position + done;
      const i = Math.floor(p / BLOCK);
      const b = this.block(i);
      const o = p - i * BLOCK;
      const n = Math.min(length - done, b.length - o);
      if (n <= 0) break;
      b.copy(buffer, done, o, o + n);
      done += n;
    }
    return done;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    cb: (err: Error | null) => void,
  ): void {
    try {
      const got = this.readAt(buffer.subarray(offset, offset + length), length, position);
      const err = got < length ? new Error('unexpected EOF') : null;
      queueMicrotask(() => cb(err));
    } catch (err) {
      queueMicrotask(() => cb(err as Error));
    }
  }

  /** Small ranges (most entries) come from one positioned read; large ones stream from disk. */
  override _readStreamForRange(start: number, end: number): Readable {
    if (end <= start) return Readable.from([]);
    if (end - start <= SMALL_RANGE) {
      const buf = Buffer.alloc(end - start);
      const got = readSync(this.fd, buf, 0, buf.length, start);
      return Readable.from([buf.subarray(0, got)]);
    }
    return createReadStream(this.path, { start, end: end - 1 });
  }

  override close(cb: (err: Error | null) => void): void {
    try {
      closeSync(this.fd);
      cb(null);
    } catch (err) {
      cb(err as Error);
    }
  }
}
