import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchPeople } from '../../../shared/search';
import { peopleOnRecord$ } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';
import { PersonRecord } from './PersonRecord';

/** How many people the list shows at once; the finder narrows it down. */
const SHOWN = 50;

/** People: find a person, see and correct their record, print their card, erase on request. */
export function PeopleScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const members = useObservable(
    useMemo(() => peopleOnRecord$(desk), [desk]),
    [],
  );
  const shown = useMemo(
    () =>
      query.trim()
        ? searchPeople(members, query, SHOWN)
        : [...members].sort((a, b) => a.pinyin.localeCompare(b.pinyin)).slice(0, SHOWN),
    [members, query],
  );
  const open = members.find((m) => m.id === openId) ?? null;

  return (
    <div className="people">
      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title">{t('people.title', { count: members.length })}</h2>
        <label htmlFor="people-find">{t('people.find')}</label>
        <input
          id="people-find"
          className="finder-input"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="results" aria-label={t('people.list')}>
          {shown.map((m) => (
            <li key={m.id} className={m.id === openId ? 'result selected' : 'result'}>
              <span className="name">{m.name}</span>
              <span className="meta">
                {t(`kind.${m.kind}`)} · {m.birthDate} ·{' '}
                {t('people.card', { card: m.cardNo ?? '—' })}
              </span>
              <button type="button" onClick={() => setOpenId(m.id)}>
                {t('people.open')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      {open && <PersonRecord key={open.id} member={open} onClose={() => setOpenId(null)} />}
    </div>
  );
}
