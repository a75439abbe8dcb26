import { useTranslation } from 'react-i18next';
import { groupOf, type Screen } from './Screens';

/** The screens down the left, a gap between the day's work, people, and administration. */
export function SideNav({
  tabs,
  shown,
  onOpen,
}: {
  tabs: readonly Screen[];
  shown: Screen;
  onOpen(screen: Screen): void;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label="main" className="sidenav no-print">
      {tabs.map((tab, i) => (
        <button
          key={tab}
          type="button"
          className={[
            'tab',
            shown === tab ? 'active' : '',
            i > 0 && groupOf(tab) !== groupOf(tabs[i - 1]!) ? 'group-start' : '',
          ]
            .filter(Boolean)
            .join(' ')}
          aria-current={shown === tab ? 'page' : undefined}
          onClick={() => onOpen(tab)}
        >
          {t(`nav.${tab}`)}
        </button>
      ))}
    </nav>
  );
}
