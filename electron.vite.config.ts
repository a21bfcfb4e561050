/**
 * Desktop build: out/main (main + core host), out/preload (sandboxed preload), out/renderer.
 * The renderer section is the web shell's own config (vite.renderer.config.ts), so both shells
 * load the same bundle.
 */
import { resolve } from 'node:path';
import { defineConfig, mergeConfig } from 'electron-vite';
import type { UserConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';
import { OUT_DIRS } from './src/main/build-layout';

const root = import.meta.dirname;

/**
 * electron-vite's renderer preset sets `minify: false` and `modulePreload.polyfill: false` under
 * the user's config, where plain `vite build` would minify and polyfill; pinning Vite's own
 * defaults here (below rendererConfig, which still wins) keeps the two builds identical.
 */
const viteBuildDefaults = {
  build: { minify: 'esbuild', cssMinify: 'esbuild', modulePreload: { polyfill: true } },
} as const;

export const electronConfig: UserConfig = {
  main: {
    build: {
      outDir: resolve(root, OUT_DIRS.main),
      // better-sqlite3 (a native addon) and the other runtime dependencies load from node_modules.
      externalizeDeps: { include: ['better-sqlite3'] },
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          'core-host': resolve(root, 'src/main/core-host.ts'),
          // Core starts validation workers from `./validation-worker.js` next to the core host
          // (src/core/validation/worker/spawn.ts).
          'validation-worker': resolve(root, 'src/core/validation/worker/worker.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, OUT_DIRS.preload),
      // A sandboxed preload cannot require node_modules: zod and the contract are inlined.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        onwarn(warning, warn) {
          // zod (inlined here) ships comments rollup cannot place: harmless, as in the renderer.
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
          warn(warning);
        },
        // Sandboxed preloads are run as classic scripts: CommonJS, one file, `.cjs` because the
        // package is `"type": "module"`.
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: mergeConfig(viteBuildDefaults, rendererConfig),
};

export default defineConfig(electronConfig);
