import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../src/main/menu';
import type { MenuActions } from '../../../src/main/menu';
import { checkShellEvent, MENU_COMMAND_EVENT, MenuCommand } from '../../../src/main/shell-events';

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    command: (command) => calls.push(command),
    openDataFolder: () => calls.push('openDataFolder'),
    openLogsFolder: () => calls.push('openLogsFolder'),
    checkForUpdates: () => calls.push('checkForUpdates'),
  };
  return { calls, actions };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function byLabel(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = flatten(items).find((i) => i.label === label);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('menuTemplate', () => {
  it('has the standard menus, with the app menu only on macOS', () => {
    const { actions } = recorder();
    const mac = menuTemplate('darwin', actions, { dev: false });
    const win = menuTemplate('win32', actions, { dev: false });
    expect(mac.map((m) => m.label)).toEqual([
      'PIM Steward',
      'File',
      'Edit',
      'View',
      'Go',
      'Sync',
      'Window',
      'Help',
    ]);
    expect(mac[0]?.role).toBe('appMenu');
    expect(win.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Go', 'Sync', 'Window', 'Help']);
  });

  it('uses roles for the edit commands', () => {
    const { actions } = recorder();
    const roles = flatten(menuTemplate('linux', actions, { dev: false })).map((i) => i.role);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'togglefullscreen', 'zoomIn']) {
      expect(roles).toContain(role);
    }
  });

  it('offers reload and DevTools only in development', () => {
    const { actions } = recorder();
    const prodRoles = flatten(menuTemplate('win32', actions, { dev: false })).map((i) => i.role);
    const devRoles = flatten(menuTemplate('win32', actions, { dev: true })).map((i) => i.role);
    expect(prodRoles).not.toContain('reload');
    expect(prodRoles).not.toContain('forceReload');
    expect(prodRoles).not.toContain('toggleDevTools');
    expect(devRoles).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('binds the app commands to their accelerators and sends valid menu commands', () => {
    const { calls, actions } = recorder();
    const template = menuTemplate('win32', actions, { dev: true });
    const expected: Array<[string, string, string]> = [
      ['Sync Now', 'CmdOrCtrl+Shift+S', 'sync:now'],
      ['Push Changes', 'CmdOrCtrl+Shift+P', 'changes:push'],
      ['Import File…', 'CmdOrCtrl+O', 'import:openFile'],
      ['Catalog', 'CmdOrCtrl+1', 'go:catalog'],
      ['Changes', 'CmdOrCtrl+2', 'go:changes'],
      ['Import', 'CmdOrCtrl+3', 'go:import'],
      ['Activity', 'CmdOrCtrl+4', 'go:activity'],
      ['Connections', 'CmdOrCtrl+5', 'go:connections'],
      ['Settings', 'CmdOrCtrl+6', 'go:settings'],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = byLabel(template, label);
      expect(item.accelerator).toBe(accelerator);
      click(item);
      expect(calls.at(-1)).toBe(command);
      expect(checkShellEvent(MENU_COMMAND_EVENT, { command })).not.toBeNull();
    }
    click(byLabel(template, 'Open Data Folder'));
    expect(calls.at(-1)).toBe('openDataFolder');
    click(byLabel(template, 'Open Logs Folder'));
    expect(calls.at(-1)).toBe('openLogsFolder');
  });

  it('offers Check for Updates… once per platform: app menu on macOS, Help elsewhere', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { calls, actions } = recorder();
      const template = menuTemplate(platform, actions, { dev: false });
      const items = flatten(template).filter((i) => i.label === 'Check for Updates…');
      expect(items).toHaveLength(1);
      const menu = template.find((m) => flatten([m]).includes(items[0] as MenuItemConstructorOptions));
      expect(menu?.label).toBe(platform === 'darwin' ? 'PIM Steward' : 'Help');
      click(items[0] as MenuItemConstructorOptions);
      expect(calls).toEqual(['checkForUpdates']);
    }
  });

  it('has Settings… with Cmd+, in the macOS app menu', () => {
    const { calls, actions } = recorder();
    const item = byLabel(menuTemplate('darwin', actions, { dev: false }), 'Settings…');
    expect(item.accelerator).toBe('CmdOrCtrl+,');
    click(item);
    expect(calls).toEqual(['go:settings']);
  });

  it('has no duplicate accelerator and none that shadows a role (reload is CmdOrCtrl+R)', () => {
    const roleDefaults = [
      'CmdOrCtrl+R',
      'Shift+CmdOrCtrl+R',
      'CmdOrCtrl+Z',
      'CmdOrCtrl+C',
      'CmdOrCtrl+V',
      'CmdOrCtrl+X',
      'CmdOrCtrl+A',
      'CmdOrCtrl+Q',
      'CmdOrCtrl+W',
      'CmdOrCtrl+0',
      'CmdOrCtrl+Plus',
      'CmdOrCtrl+-',
      'CmdOrCtrl+M',
    ];
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { actions } = recorder();
      const accelerators = flatten(menuTemplate(platform, actions, { dev: true }))
        .map((i) => i.accelerator)
        .filter((a): a is string => typeof a === 'string');
      expect(new Set(accelerators).size).toBe(accelerators.length);
      for (const accelerator of accelerators) expect(roleDefaults).not.toContain(accelerator);
    }
  });

  it('covers every menu command', () => {
    const { calls, actions } = recorder();
    for (const item of flatten(menuTemplate('darwin', actions, { dev: false }))) {
      if (typeof item.click === 'function') click(item);
    }
    expect(new Set(calls)).toEqual(
      new Set([...MenuCommand.options, 'openDataFolder', 'openLogsFolder', 'checkForUpdates']),
    );
  });
});

describe('menu:command event', () => {
  it('validates the command id', () => {
    expect(checkShellEvent(MENU_COMMAND_EVENT, { command: 'sync:now' })).toEqual({
      event: MENU_COMMAND_EVENT,
      payload: { command: 'sync:now' },
    });
    expect(checkShellEvent(MENU_COMMAND_EVENT, { command: 'rm -rf' })).toBeNull();
    expect(checkShellEvent(MENU_COMMAND_EVENT, { command: 'sync:now', extra: 1 })).toBeNull();
    expect(checkShellEvent('menu:other', { command: 'sync:now' })).toBeNull();
  });
});
