import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../../src/main/window-options';

const state = { x: 10, y: 20, width: 1300, height: 850, maximized: false };

describe('windowOptions', () => {
  const options = windowOptions(state, { preloadPath: '/app/out/preload/index.cjs' });
  const web = options.webPreferences ?? {};

  it('turns every renderer isolation on and every Node bridge off', () => {
    expect(web).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      safeDialogs: true,
      enableWebSQL: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('allows DevTools only in development', () => {
    expect(web.devTools).toBe(false);
    expect(windowOptions(state, { preloadPath: 'p', dev: true }).webPreferences?.devTools).toBe(true);
  });

  it('opens hidden at the saved bounds with a minimum size', () => {
    expect(options).toMatchObject({ show: false, x: 10, y: 20, width: 1300, height: 850 });
    expect(options.minWidth).toBe(1024);
    expect(options.minHeight).toBe(680);
  });

  it('sets no option that weakens security', () => {
    const text = JSON.stringify(options);
    expect(text).not.toMatch(/"(enableRemoteModule|nodeIntegration|sandbox|contextIsolation)":"/);
    expect(web).not.toHaveProperty('additionalArguments');
    expect(web).not.toHaveProperty('partition');
    expect(web).not.toHaveProperty('enableBlinkFeatures');
    expect(web).not.toHaveProperty('allowpopups');
  });
});
