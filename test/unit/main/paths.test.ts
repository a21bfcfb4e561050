import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath, resolveDataDir } from '../../../src/main/paths';

describe('nativeBindingPath', () => {
  const exists = (found: string[]) => (path: string) => found.includes(path);

  it('uses resources/native/electron in development when it was built', () => {
    const path = join('/repo', 'resources', 'native', 'electron', 'better_sqlite3.node');
    expect(
      nativeBindingPath({
        isPackaged: false,
        resourcesPath: '/electron/resources',
        appPath: '/repo',
        exists: exists([path]),
      }),
    ).toBe(path);
  });

  it('uses <resourcesPath>/native/electron when packaged', () => {
    const path = join(
      '/Applications/PIM Steward.app/Contents/Resources',
      'native',
      'electron',
      'better_sqlite3.node',
    );
    expect(
      nativeBindingPath({
        isPackaged: true,
        resourcesPath: '/Applications/PIM Steward.app/Contents/Resources',
        appPath: '/Applications/PIM Steward.app/Contents/Resources/app.asar',
        exists: exists([path]),
      }),
    ).toBe(path);
  });

  it('leaves the choice to better-sqlite3 when no Electron build exists', () => {
    expect(
      nativeBindingPath({ isPackaged: false, resourcesPath: '/r', appPath: '/repo', exists: () => false }),
    ).toBeUndefined();
  });
});

describe('resolveDataDir', () => {
  it('prefers STEWARD_DATA_DIR, else userData', () => {
    expect(resolveDataDir({ STEWARD_DATA_DIR: '/tmp/steward' }, '/home/u/.config/PIM Steward')).toBe(
      '/tmp/steward',
    );
    expect(resolveDataDir({ STEWARD_DATA_DIR: '  ' }, '/home/u/.config/PIM Steward')).toBe(
      '/home/u/.config/PIM Steward',
    );
    expect(resolveDataDir({}, '/home/u/.config/PIM Steward')).toBe('/home/u/.config/PIM Steward');
  });
});
