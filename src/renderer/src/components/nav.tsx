import { AREAS, AREA_ICON, AREA_LABEL } from '../routes';
import type { Area } from '../routes';
import { t } from '../i18n';
import { SHORTCUTS } from '../shortcuts';

export function Nav(props: { current: Area; onNavigate: (area: Area) => void }) {
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="nav__brand">
        <span className="nav__logo" aria-hidden="true">
          ◆
        </span>
        {t('app.title')}
      </div>
      <ul>
        {AREAS.map((area, i) => (
          <li key={area}>
            <a
              href={`#/${area}`}
              className={area === props.current ? 'nav__item nav__item--active' : 'nav__item'}
              aria-current={area === props.current ? 'page' : undefined}
              aria-keyshortcuts={`${SHORTCUTS.mod.aria}+${i + 1}`}
              title={t('nav.shortcut', { mod: SHORTCUTS.mod.label, n: i + 1 })}
              onClick={(e) => {
                e.preventDefault();
                props.onNavigate(area);
              }}
            >
              <span className="nav__icon" aria-hidden="true">
                {AREA_ICON[area]}
              </span>
              {t(AREA_LABEL[area])}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
