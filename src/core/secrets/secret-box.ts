/**
 * The on-disk format of the encrypted secrets file: AES-256-GCM over the whole JSON map of secrets,
 * with the key stretched by scrypt from a random per-install key file or a passphrase. The header
 * (format, KDF parameters, key source) is authenticated as GCM additional data, so it cannot be
 * edited to weaken the KDF without decryption failing. Key names are inside the ciphertext too.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { StewardError } from '../../shared/errors';

export const SECRETS_FORMAT = 'pim-steward-secrets';

const KdfParams = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.base64(),
});
export type KdfParams = z.infer<typeof KdfParams>;

export const KeySource = z.enum(['keyfile', 'passphrase']);
export type KeySource = z.infer<typeof KeySource>;

const SealedFile = z.object({
  format: z.literal(SECRETS_FORMAT),
  version: z.literal(1),
  keySource: KeySource,
  kdf: KdfParams,
  iv: z.base64(),
  tag: z.base64(),
  data: z.base64(),
});
export type SealedFile = z.infer<typeof SealedFile>;

export type SealedHeader = Pick<SealedFile, 'format' | 'version' | 'keySource' | 'kdf'>;

/** scrypt N = 2^15, r = 8: ~100 ms and 32 MiB once per process, then the derived key is cached. */
export function newKdfParams(cost = 2 ** 15): KdfParams {
  return { name: 'scrypt', N: cost, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
}

export function deriveKey(material: string | Buffer, kdf: KdfParams): Promise<Buffer> {
  const maxmem = 256 * kdf.N * kdf.r + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      material,
      Buffer.from(kdf.salt, 'base64'),
      32,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

function aad(header: SealedHeader): Buffer {
  const { format, version, keySource, kdf } = header;
  return Buffer.from(JSON.stringify({ format, version, keySource, kdf }), 'utf8');
}

export function seal(plain: Buffer, key: Buffer, header: SealedHeader): SealedFile {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(header));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    ...header,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Decrypts; throws a StewardError naming the file (never any content) when the key is wrong. */
export function unseal(file: SealedFile, key: Buffer, path: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
    decipher.setAAD(aad(file));
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]);
  } catch {
    const hint =
      file.keySource === 'passphrase'
        ? 'the passphrase is wrong'
        : 'the key file is not the one this file was written with';
    throw new StewardError(
      'unauthorized',
      `Cannot decrypt the secrets file ${path}: ${hint}, or the file was modified. ` +
        'Restore the right key, or delete the file and enter the connection credentials again.',
    );
  }
}

export function parseSealedFile(text: string, path: string): SealedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = SealedFile.safeParse(raw);
  if (!parsed.success) {
    throw new StewardError('invalid_input', `${path} is not a PIM Steward secrets file (or it is damaged).`);
  }
  return parsed.data;
}
