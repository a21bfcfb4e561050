/** Starts core + the web host on a temp data folder and a headless Debian Chromium against it. */
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { createCore } from '../../src/core';
import type { Core } from '../../src/core';
import { createMemorySecretStore } from '../../src/core/secrets';
import { startWebHost } from '../../src/web/host';
import type { WebHost } from '../../src/web/host';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/screenshots', import.meta.url));
const RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found)
    throw new Error(
      'Chromium not found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH.',
    );
  return found;
}

export interface Harness {
  core: Core;
  host: WebHost;
  browser: Browser;
  page: Page;
  dataDir: string;
  consoleErrors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(opts: { demo?: boolean | { products?: number } } = {}): Promise<Harness> {
  if (!existsSync(join(RENDERER, 'index.html'))) {
    throw new Error('Renderer not built: run `npm run build:renderer` first (npm run test:e2e does).');
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-e2e-'));
  const core = await createCore({ dataDir, secrets: createMemorySecretStore(), demo: opts.demo ?? false });
  const host = await startWebHost({ core, rendererDir: RENDERER });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  return {
    core,
    host,
    browser,
    page,
    dataDir,
    consoleErrors,
    screenshot: async (name) => {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    close: async () => {
      await browser.close();
      await host.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
