import type { MessageKey } from './i18n';

export const AREAS = ['catalog', 'changes', 'import', 'activity', 'connections', 'settings'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_LABEL: Record<Area, MessageKey> = {
  catalog: 'nav.catalog',
  changes: 'nav.changes',
  import: 'nav.import',
  activity: 'nav.activity',
  connections: 'nav.connections',
  settings: 'nav.settings',
};

export const AREA_ICON: Record<Area, string> = {
  catalog: '▦',
  changes: '⇅',
  import: '⤓',
  activity: '◷',
  connections: '⇄',
  settings: '⚙',
};

export function areaFromHash(hash: string): Area {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (AREAS as readonly string[]).includes(name ?? '') ? (name as Area) : 'catalog';
}
