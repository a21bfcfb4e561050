/**
 * Image ZIP cross-check (DESIGN.md: a ZIP of 10,000 images cross-checked from the central
 * directory in under 0.5 s). A ZIP of 10,000 small JPEGs (BENCH_QUICK=1: 2,000), half stored and
 * half deflated, and a CSV naming them (with a few missing and unreferenced) are generated in a
 * temp folder. Reported: the central-directory pass (listing and every metadata check), the name
 * cross-check, reading the first bytes of each image, and a whole validateFile run.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeValidationWorkers, inspectZipFile, validateFile } from '../src/core/validation';
import { buildImageIndex, checkImageRef } from '../src/core/validation/zip/image-index';
import { JPEG_BYTES, writeZip } from '../test/integration/demo-pim/zip-writer';

const WALLPAPER_HEADER = 'vendor_code,name,brand,collection,image,width,length,pattern_repeat,color,price';

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const count = process.env.BENCH_QUICK === '1' ? 2_000 : 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-validate-zip-'));
  try {
    // Image bytes do not compress: pseudo-random padding keeps the archive realistic.
    let seed = 42;
    const noise = (n: number) => {
      const b = Buffer.alloc(n);
      for (let k = 0; k < n; k++) b[k] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      return b;
    };
    const images = Array.from({ length: count }, (_, i) => ({
      name: `images/${String(i).padStart(5, '0')}.jpg`,
      data: Buffer.concat([JPEG_BYTES, noise(4096 + (i % 7) * 512)]),
      deflate: i % 2 === 0,
    }));
    const zipPath = join(dir, 'images.zip');
    writeFileSync(zipPath, writeZip(images));
    const rows = images.map(
      (img, i) =>
        `W${i},Name ${i},B,C,${i % 1000 === 999 ? `missing-${i}.jpg` : img.name},0.53,10,64,red,19.99`,
    );
    const csvPath = join(dir, 'wallpaper.csv');
    writeFileSync(csvPath, `${WALLPAPER_HEADER}\n${rows.join('\n')}\n`);

    const directory: number[] = [];
    const heads: number[] = [];
    const crossCheck: number[] = [];
    for (let round = 0; round < 5; round++) {
      const inspection = await inspectZipFile(zipPath);
      directory.push(inspection.timings.directoryMs);
      heads.push(inspection.timings.headsMs);
      const t0 = performance.now();
      const index = buildImageIndex(inspection.entries, new Uint8Array(inspection.entries.length));
      let missing = 0;
      for (const row of rows) if (checkImageRef(index, row.split(',')[4] as string)) missing++;
      crossCheck.push(performance.now() - t0);
      if (missing !== Math.floor(count / 1000))
        throw new Error(`expected ${Math.floor(count / 1000)} missing, got ${missing}`);
    }
    const d = median(directory);
    const c = median(crossCheck);
    const h = median(heads);
    await validateFile({ file: csvPath, images: zipPath, template: 'wizart-wallpaper' });
    const t1 = performance.now();
    const report = await validateFile({ file: csvPath, images: zipPath, template: 'wizart-wallpaper' });
    const whole = performance.now() - t1;
    await closeValidationWorkers();
    const total = d + c;
    return {
      name: `Image ZIP cross-check (${count.toLocaleString('en-US')} images)`,
      lines: [
        `archive: ${count.toLocaleString('en-US')} JPEGs, ${(statSync(zipPath).size / 2 ** 20).toFixed(0)} MB; CSV naming them (${Math.floor(count / 1000)} missing)`,
        `central directory read and every entry checked (slip, symlink, encryption, sizes, ratio, overlap, collisions), median of 5: ${d.toFixed(0)} ms`,
        `name cross-check (referenced, missing, case mismatches): ${c.toFixed(1)} ms`,
        `cross-check total ${total.toFixed(0)} ms (target < 500 ms) ${total < 500 ? 'MET' : `MISSED by ${((total / 500 - 1) * 100).toFixed(0)} %`}`,
        `first bytes of every image read to tell images from impostors: ${h.toFixed(0)} ms more`,
        `whole validateFile (CSV rows + archive, warm worker): ${whole.toFixed(0)} ms; ${report.zip?.missing ?? 0} missing, ${report.zip?.unreferenced ?? 0} unreferenced`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
