import { useCallback, useEffect, useState } from 'react';
import { api } from './api/client';
import { useQuery } from './api/use-query';
import { Nav } from './components/nav';
import { StatusBar } from './components/status-bar';
import { ToastRegion } from './components/toasts';
import { EmptyState } from './components/empty-state';
import { DropZone } from './components/drop-zone';
import { ShellBanners } from './shell/shell-banners';
import { AREAS, areaFromHash } from './routes';
import type { Area } from './routes';
import { t } from './i18n';
import { CatalogScreen } from './screens/catalog-screen';
import { ChangesScreen } from './screens/changes-screen';
import { ImportScreen } from './screens/import-screen';
import { receiveFiles } from './screens/import/wizard-store';
import type { IncomingFiles } from './screens/import/wizard-store';
import { ActivityScreen } from './screens/activity-screen';
import { ConnectionsScreen } from './screens/connections-screen';
import { SettingsScreen } from './screens/settings-screen';

function useTheme(): void {
  const settings = useQuery('settings:get', {}, ['settings:changed']);
  const theme = settings.status === 'ready' ? settings.data.theme : 'system';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

function AppFrame() {
  const [area, setArea] = useState<Area>(() => areaFromHash(window.location.hash));
  useTheme();

  const navigate = useCallback((next: Area) => {
    window.location.hash = `#/${next}`;
    setArea(next);
  }, []);

  useEffect(() => {
    const onHash = () => setArea(areaFromHash(window.location.hash));
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && /^[1-6]$/.test(e.key)) {
        e.preventDefault();
        navigate(AREAS[Number(e.key) - 1] as Area);
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    // The desktop menu's Go items arrive as menu:command events from the shell.
    const offMenu = api.on('menu:command', ({ command }) => {
      const target = command.startsWith('go:') ? command.slice(3) : null;
      if (target && (AREAS as readonly string[]).includes(target)) navigate(target as Area);
    });
    return () => {
      offMenu();
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, [navigate]);

  // A file dropped anywhere opens the import wizard with it.
  const onDropFiles = useCallback(
    (files: IncomingFiles) => {
      navigate('import');
      void receiveFiles(files);
    },
    [navigate],
  );

  return (
    <div className="app">
      <Nav current={area} onNavigate={navigate} />
      <main className="main" id="main" aria-label={t(`nav.${area}`)}>
        <ShellBanners />
        {area === 'catalog' && <CatalogScreen onNavigate={navigate} />}
        {area === 'changes' && <ChangesScreen />}
        {area === 'import' && <ImportScreen onNavigate={navigate} />}
        {area === 'activity' && <ActivityScreen />}
        {area === 'connections' && <ConnectionsScreen />}
        {area === 'settings' && <SettingsScreen />}
      </main>
      <StatusBar />
      <ToastRegion />
      <DropZone onFiles={onDropFiles} />
    </div>
  );
}

export function App() {
  if (!api.available) {
    return (
      <main className="no-access">
        <EmptyState icon="🔒" title={t('noAccess.title')} body={t('noAccess.body')} />
      </main>
    );
  }
  return <AppFrame />;
}
