/**
 * A multipart/form-data body (RFC 7578) for the Wizart import upload: the openapi of the seed's
 * repository (000_e06ea13dbfabb382.txt, github.com/wizart-tech/api) takes `data` (the CSV) and
 * `archive` (the image ZIP) as file fields. Written by hand rather than through FormData + Blob so
 * a large ZIP is copied once (into the body), not three times.
 */
import { randomBytes } from 'node:crypto';

export interface FilePart {
  field: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The WHATWG form encoding of a quoted header value: `"`, CR and LF are percent-escaped. */
function quoted(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartBody(parts: readonly FilePart[]): { body: Uint8Array; contentType: string } {
  const boundary = `----PimStewardBoundary${randomBytes(12).toString('hex')}`;
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    const head =
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${quoted(p.field)}"; filename="${quoted(p.filename)}"\r\n` +
      `Content-Type: ${p.contentType}\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), p.bytes, Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
