import { resolve } from 'node:path';
import type { Plugin, PluginOption } from 'vite';
import { describe, expect, it } from 'vitest';
import { electronConfig } from '../../../electron.vite.config';
import { rendererConfig } from '../../../vite.renderer.config';
import {
  CORE_HOST_FROM_MAIN,
  OUT_DIRS,
  PRELOAD_FROM_MAIN,
  RENDERER_FROM_MAIN,
} from '../../../src/main/build-layout';

const root = resolve(import.meta.dirname, '../../..');

function pluginNames(plugins: PluginOption[] | undefined): string[] {
  return (plugins ?? []).flat(Infinity as 1).map((p) => (p as Plugin | null)?.name ?? '');
}

describe('electron.vite.config.ts', () => {
  const { main, preload, renderer } = electronConfig;

  it('builds main, the core host and the validation worker as entries, with the native addon external', () => {
    const rollup = main?.build?.rollupOptions;
    expect(rollup?.input).toEqual({
      index: resolve(root, 'src/main/index.ts'),
      'core-host': resolve(root, 'src/main/core-host.ts'),
      'validation-worker': resolve(root, 'src/core/validation/worker/worker.ts'),
    });
    expect(rollup?.external).toEqual(expect.arrayContaining(['better-sqlite3']));
    expect(main?.build?.outDir).toBe(resolve(root, OUT_DIRS.main));
  });

  it('builds the preload as one self-contained CommonJS file (sandbox requirement)', () => {
    expect(preload?.build?.externalizeDeps).toBe(false);
    expect(preload?.build?.rollupOptions?.input).toEqual({ index: resolve(root, 'src/preload/index.ts') });
    expect(preload?.build?.rollupOptions?.output).toMatchObject({
      format: 'cjs',
      entryFileNames: '[name].cjs',
      inlineDynamicImports: true,
    });
    expect(preload?.build?.outDir).toBe(resolve(root, OUT_DIRS.preload));
  });

  it('builds the renderer exactly as vite.renderer.config.ts does', () => {
    expect(renderer?.root).toBe(rendererConfig.root);
    expect(renderer?.root).toBe(resolve(root, 'src/renderer'));
    expect(renderer?.base).toBe('./');
    expect(renderer?.build?.outDir).toBe(resolve(root, OUT_DIRS.renderer));
    expect(renderer?.build).toMatchObject(rendererConfig.build ?? {});
    expect(pluginNames(renderer?.plugins)).toEqual(pluginNames(rendererConfig.plugins));
    expect(pluginNames(renderer?.plugins).some((name) => name.startsWith('vite:react'))).toBe(true);
    // electron-vite's preset would otherwise turn these off, and the two bundles would differ.
    expect(renderer?.build?.minify ?? 'esbuild').toBe(rendererConfig.build?.minify ?? 'esbuild');
    expect(renderer?.build?.modulePreload).toEqual(rendererConfig.build?.modulePreload ?? { polyfill: true });
  });

  it('puts each piece where main loads it from', () => {
    const mainDir = resolve(root, OUT_DIRS.main);
    expect(resolve(mainDir, PRELOAD_FROM_MAIN)).toBe(resolve(root, OUT_DIRS.preload, 'index.cjs'));
    expect(resolve(mainDir, RENDERER_FROM_MAIN)).toBe(resolve(root, OUT_DIRS.renderer));
    expect(resolve(mainDir, CORE_HOST_FROM_MAIN)).toBe(resolve(mainDir, 'core-host.js'));
  });
});
