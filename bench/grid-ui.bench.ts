/**
 * The catalog grid over 1,000,000 products in headless Chromium against the web shell (issue 7
 * item 9; BENCH_QUICK=1: 200,000). Targets: first rows under 1 s, scroll frame time p95 under
 * 16.7 ms, filter and search latency under 150 ms, a 100k-cell bulk edit applied and persisted under
 * 1 s. The baseline measured in the same run is an empty frame: requestAnimationFrame with no
 * scrolling, so the frame figures read as "this much over an idle page".
 *
 * Chromium runs with its own frame clock (60 Hz), as on a person's screen: a frame that takes too
 * long shows as a 33 ms interval, a dropped frame. Turning vsync and the frame-rate limit off
 * (`--disable-gpu-vsync --disable-frame-rate-limit`, used before) does not unthrottle headless
 * Chromium 150: an empty page then ran at 17.4–17.7 ms a frame, above the target before any work.
 * The page's own work per frame (scroll event to the task after paint) is reported beside it, so a
 * frame that only fits the refresh with little to spare still shows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { createCore } from '../src/core';
import { fieldIndexesIdle, listFieldIndexes } from '../src/core/catalog/field-index';
import { createSearchIndexer } from '../src/core/catalog/search-index';
import { createMemorySecretStore } from '../src/core/secrets';
import { createCaller } from '../src/shared/rpc';
import { startWebHost } from '../src/web/host';

const N = process.env.BENCH_QUICK ? 200_000 : 1_000_000;
const NOW = '2026-12-03T10:00:00.000Z';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BRANDS = ['Dunlop', 'Wilson', 'Head', 'Babolat', 'Yonex', 'Prince', 'Tecnifibre', 'Slazenger'];
const WORDS = ['racket', 'ball', 'grip', 'string', 'bag', 'shoe', 'net', 'cap', 'sock', 'towel'];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p): p is string => !!p && existsSync(p),
  );
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH.');
  return found;
}

/*
 * The page-side measurements are plain JavaScript strings: this file is type-checked for Node, and
 * tsx would wrap named functions in a __name() helper the page does not have.
 */

/**
 * Frame times while the page scrolls the grid (or, with step 0, while it idles): the intervals
 * between animation frames, and the page's own work in each frame, from its scroll event (or the
 * frame callback) to the next task, which runs once style, layout and paint of the frame are done.
 */
async function frames(
  page: Page,
  step: number,
  count: number,
): Promise<{ intervals: number[]; work: number[] }> {
  return page.evaluate(`new Promise((resolve) => {
    const grid = document.querySelector('[role="grid"]');
    const out = [];
    const work = [];
    const channel = new MessageChannel();
    let frameStart = null;
    let t0 = 0;
    const onScroll = () => { if (frameStart === null) frameStart = performance.now(); };
    document.addEventListener('scroll', onScroll, { capture: true });
    channel.port1.onmessage = () => { work.push(performance.now() - t0); frameStart = null; };
    let last = performance.now();
    let n = 0;
    const frame = (t) => {
      out.push(t - last);
      last = t;
      t0 = frameStart ?? performance.now();
      channel.port2.postMessage(0);
      if (${step} > 0) {
        // Mostly steady scrolling, with a far jump every 25 frames (the scrollbar thumb dragged).
        if (n % 25 === 24) grid.scrollTop = Math.random() * (grid.scrollHeight - grid.clientHeight);
        else grid.scrollTop += ${step};
      }
      if (++n < ${count}) requestAnimationFrame(frame);
      else setTimeout(() => {
        document.removeEventListener('scroll', onScroll, { capture: true });
        resolve({ intervals: out.slice(2), work: work.slice(2) });
      }, 50);
    };
    requestAnimationFrame(frame);
  })`);
}

/** From a change of the search box (or facet) to the new count on screen, in the page's clock. */
async function uiLatency(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(`(() => {
    const el = document.querySelector('.catalog__count');
    const before = el.textContent;
    window.__t1 = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (el.textContent !== before && !/Loading/.test(el.textContent || '')) {
          obs.disconnect();
          resolve(performance.now());
        }
      });
      obs.observe(el, { childList: true, subtree: true, characterData: true });
    });
    window.__t0 = performance.now();
  })()`);
  await act();
  return page.evaluate(`window.__t1.then((t1) => t1 - window.__t0)`);
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-grid-'));
  // A renderer built for this run from the current sources, in the run's own folder.
  const renderer = join(dir, 'renderer');
  const built = spawnSync(
    'npx',
    [
      'vite',
      'build',
      '--config',
      'vite.renderer.config.ts',
      '--outDir',
      renderer,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (built.status !== 0 || !existsSync(join(renderer, 'index.html')))
    throw new Error('The renderer build failed.');
  const core = await createCore({ dataDir: dir, secrets: createMemorySecretStore() });
  const call = createCaller(core.dispatch);
  const { sqlite } = core.store;
  const lines: string[] = [];
  try {
    let t = performance.now();
    sqlite
      .prepare(
        `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES ('bench', 'Bench shop', 'wexbo', 'http://127.0.0.1:9', ?)`,
      )
      .run(NOW);
    const ins = sqlite.prepare(
      `INSERT INTO record (connection_id, entity, remote_id, base, state, updated_at) VALUES ('bench', 'products', ?, ?, 'clean', ?)`,
    );
    const fill = sqlite.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const word = WORDS[i % WORDS.length] as string;
        const brand = BRANDS[i % BRANDS.length] as string;
        ins.run(
          String(i + 1),
          JSON.stringify({
            id: i + 1,
            code: `sku-${String(i + 1).padStart(7, '0')}`,
            name: `${brand} ${word} ${i + 1}`,
            active: i % 7 !== 0,
            price: Math.round((5 + (i % 300) * 0.37) * 100) / 100,
            currency: 'EUR',
            stock: i % 120,
            ean: null,
            brand,
            category_id: `c${i % 40}`,
            type: 'simple',
          }),
          NOW,
        );
      }
    });
    for (let i = 0; i < N; i += 50_000) fill.immediate(i, Math.min(N, i + 50_000));
    const seedMs = performance.now() - t;
    t = performance.now();
    createSearchIndexer(sqlite).drain();
    const indexMs = performance.now() - t;
    lines.push(
      `${N.toLocaleString('en')} products seeded in ${(seedMs / 1000).toFixed(1)} s; search index built in ${(indexMs / 1000).toFixed(1)} s`,
    );

    // Bulk edits as the grid sends them: one call, applied, journaled and queued in one transaction.
    const ids = (
      sqlite
        .prepare(`SELECT id FROM record WHERE connection_id = 'bench' ORDER BY id LIMIT 100000`)
        .all() as {
        id: number;
      }[]
    ).map((r) => r.id);
    // Core's side of each interaction, as the grid asks for it (catalog:queryRows, one window of 200):
    // the first window after a write is read directly with the count; the first window deep down
    // reads the matching ids in order and keeps them; later windows are 200 rows by id.
    const base = { connectionId: 'bench', entity: 'products', limit: 200 } as const;
    const touch = sqlite.prepare(
      `INSERT INTO setting (key, value, updated_at) VALUES ('bench', '1', ?) ON CONFLICT (key) DO UPDATE SET value = value + 1`,
    );
    const coreMs = async (input: Omit<Parameters<typeof call<'catalog:queryRows'>>[1], 'offset'>) => {
      const first: number[] = [];
      const deep: number[] = [];
      const next: number[] = [];
      const timed = async (offset: number, into: number[]) => {
        const t0 = performance.now();
        await call('catalog:queryRows', { ...input, offset });
        into.push(performance.now() - t0);
      };
      for (let r = 0; r < 3; r++) {
        touch.run(NOW);
        await timed(0, first);
        await timed(Math.floor(N * 0.9), deep);
        await timed(Math.floor(N * 0.5), next);
      }
      return `${ms(pct(first, 50))} / ${ms(pct(deep, 50))} / ${ms(pct(next, 50))}`;
    };
    const cases: [string, Omit<Parameters<typeof call<'catalog:queryRows'>>[1], 'offset'>][] = [
      ['all rows', base],
      ['search "wilson grip 11"', { ...base, search: 'wilson grip 11' }],
      ['search "towel" (a word in a tenth of the products)', { ...base, search: 'towel' }],
      ['filter brand = Yonex', { ...base, filters: [{ path: 'brand', op: 'equals', value: 'Yonex' }] }],
      [
        'filter name contains "towel 9"',
        { ...base, filters: [{ path: 'name', op: 'contains', value: 'towel 9' }] },
      ],
      ['sort by price', { ...base, sort: { path: 'price', dir: 'desc' } }],
    ];
    // The first filter or sort on a field reads every document; being slow, it asks for an index on
    // the field (catalog/field-index.ts), built in the background. The figures below are after it.
    const firstUse: string[] = [];
    for (const [label, input] of cases.filter(([, i]) => i.filters || i.sort)) {
      touch.run(NOW);
      const t0 = performance.now();
      await call('catalog:queryRows', { ...input, offset: 0 });
      firstUse.push(`${label} ${ms(performance.now() - t0)}`);
    }
    t = performance.now();
    await fieldIndexesIdle(sqlite);
    const indexed = [...listFieldIndexes(sqlite).values()];
    lines.push(
      `first filter or sort on a field, before it has an index (first window): ${firstUse.join('; ')}; the indexes it asked for (${indexed.join(', ')}) were built in the background in ${ms(performance.now() - t)}`,
    );
    const coreLines: string[] = [];
    for (const [label, input] of cases) coreLines.push(`${label} ${await coreMs(input)}`);
    lines.push(
      `core, one window of 200 rows, median of 3 after a write (first window / first deep window, which reads the ids in order / any later window): ${coreLines.join('; ')}`,
    );

    const host = await startWebHost({ core, rendererDir: renderer });
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(host.url);
      await page.waitForSelector('[role="gridcell"]').catch(async (err: unknown) => {
        await page.screenshot({ path: join(dir, 'failed.png') }).catch(() => undefined);
        throw new Error(`No grid rows appeared (${errors.join('; ') || String(err)})`);
      });
      const firstRows = await page.evaluate<number>('performance.now()');
      lines.push(
        `time to first rows (navigation start to the first grid cell): ${ms(firstRows)} (target < 1,000 ms)`,
      );

      await page.locator('[role="grid"]').focus();
      const { intervals: idle } = await frames(page, 0, 200);
      const { intervals: scroll, work } = await frames(page, 240, 600);
      // performance.now() is coarsened to 0.1 ms here, so a 60 Hz frame reads 16.7 or 16.8 ms; a frame
      // is dropped when its interval is more than one refresh and a half.
      const dropped = scroll.filter((x) => x > 25).length;
      lines.push(
        `scroll frame time over ${scroll.length} frames (8 rows per frame, a far jump every 25; 60 Hz frame clock): p50 ${ms(pct(scroll, 50))}, p95 ${ms(pct(scroll, 95))}, p99 ${ms(pct(scroll, 99))}, max ${ms(Math.max(...scroll))}, ${dropped} dropped (${((dropped / scroll.length) * 100).toFixed(1)} %) (target p95 < 16.7 ms, one refresh); idle frame baseline p50 ${ms(pct(idle, 50))}, p95 ${ms(pct(idle, 95))}, so ${(pct(scroll, 95) / Math.max(0.1, pct(idle, 95))).toFixed(2)}× idle at p95; the page's own work per frame (scroll event, React, style, layout, paint, to the next task) p50 ${ms(pct(work, 50))}, p95 ${ms(pct(work, 95))}`,
      );

      const box = page.getByRole('searchbox', { name: 'Search' });
      const searches: number[] = [];
      for (const term of ['wilson grip', 'sku-000042', 'babolat 7', 'towel']) {
        searches.push(await uiLatency(page, () => box.fill(term)));
      }
      // Back to every record before the facet changes (the count changes once the pause is over).
      await uiLatency(page, () => box.fill(''));
      const facet = page.locator('label.field:has(> span:text-is("Show")) select');
      const filters: number[] = [];
      for (const value of ['edited', 'all', 'conflict', 'all']) {
        filters.push(await uiLatency(page, () => facet.selectOption(value).then(() => undefined)));
      }
      lines.push(
        `search in the UI, keystroke to new count (includes the search box's 200 ms typing pause): median ${ms(pct(searches, 50))}, so ${ms(pct(searches, 50) - 200)} after the pause (target < 150 ms)`,
      );
      lines.push(
        `state filter in the UI, change to new count: median ${ms(pct(filters, 50))} (target < 150 ms)`,
      );

      // A column filter as a person sets one, on a field nothing has indexed yet: opening the
      // column's filter tells core (catalog:prepareFilter), which builds the field's index while the
      // value is typed; then Apply to the new count.
      const header = page.getByRole('columnheader', { name: 'Category id', exact: true });
      const col = await header.getAttribute('aria-colindex');
      await page.locator(`[role="gridcell"][aria-colindex="${col}"]`).first().click();
      const opened = performance.now();
      await page.keyboard.press('Alt+ArrowDown');
      const popover = page.getByRole('dialog', { name: 'Filter Category id' });
      await popover.getByLabel('Condition').selectOption('equals');
      await popover.getByLabel('Value').fill('c7');
      // The index is asked for when the popover opens; wait until it is there (bounded: 60 s).
      for (let i = 0; i < 600 && ![...listFieldIndexes(sqlite).values()].includes('$."category_id"'); i++) {
        await fieldIndexesIdle(sqlite);
        await new Promise((r) => setTimeout(r, 100));
      }
      const builtAfter = performance.now() - opened;
      const columnFilter = await uiLatency(page, () =>
        popover.getByRole('button', { name: 'Apply' }).click(),
      );
      lines.push(
        `column filter in the UI (Category id = c7 from the column's filter popover): its index was ready ${ms(builtAfter)} after the popover opened; Apply to new count ${ms(columnFilter)} (target < 150 ms)`,
      );
    } finally {
      await browser.close();
      await host.close();
    }

    t = performance.now();
    const indexes = listFieldIndexes(sqlite).size;
    const set = await call('edits:setField', { recordIds: ids, path: 'stock', value: 5 });
    const setMs = performance.now() - t;
    const tsv = Array.from({ length: 10_000 }, (_, r) =>
      Array.from({ length: 10 }, (_, c) => (c < 3 ? String((r + c) % 97) : `${r}-${c}`)).join('\t'),
    ).join('\n');
    const pastePaths = [
      'stock',
      'price',
      'weight',
      'supplier',
      'brand',
      'category_id',
      'supplier_code',
      'description',
      'size',
      'material',
    ];
    t = performance.now();
    const paste = await call('edits:pasteTsv', {
      recordIds: ids.slice(20_000, 30_000),
      paths: pastePaths,
      tsv,
    });
    const pasteMs = performance.now() - t;
    // The same set field without field indexes (each one a filter or sort made costs every write of
    // a record an extraction and an index update; see field-index.ts).
    await call('edits:undo', { connectionId: 'bench' });
    await call('edits:undo', { connectionId: 'bench' });
    for (const name of listFieldIndexes(sqlite).keys()) sqlite.exec(`DROP INDEX ${name}`);
    t = performance.now();
    await call('edits:setField', { recordIds: ids, path: 'stock', value: 5 });
    const setBareMs = performance.now() - t;
    t = performance.now();
    await call('edits:pasteTsv', { recordIds: ids.slice(20_000, 30_000), paths: pastePaths, tsv });
    const pasteBareMs = performance.now() - t;
    // Records never edited before, whose rows grow by a local copy of the document (the rows above
    // were edited once and undone). The first big write after the database was opened costs more
    // than either: ~1.1 s in a fresh process, as SQLite grows the WAL file to ~95 MB.
    const fresh = (
      sqlite
        .prepare(`SELECT id FROM record WHERE connection_id = 'bench' ORDER BY id LIMIT 100000 OFFSET 100000`)
        .all() as { id: number }[]
    ).map((r) => r.id);
    t = performance.now();
    await call('edits:setField', { recordIds: fresh, path: 'stock', value: 5 });
    const setFreshMs = performance.now() - t;
    lines.push(
      `bulk edit, 100,000 cells persisted (target < 1,000 ms): set a field on 100,000 rows ${ms(setBareMs)} (${set.changed.toLocaleString('en')} changed), on 100,000 rows never edited before ${ms(setFreshMs)}, with the ${indexes} field indexes made above ${ms(setMs)}; paste a 10,000 × 10 TSV block ${ms(pasteBareMs)}, with the field indexes ${ms(pasteMs)} (${paste.changed.toLocaleString('en')} changed)`,
    );
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'Catalog grid in Chromium', lines };
}
