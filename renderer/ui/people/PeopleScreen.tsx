import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchPeople } from '../../../shared/search';
import type { MemberKind } from '../../../shared/schemas/members';
import { logChildListView, peopleOnRecord$ } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';
import { PersonRecord } from './PersonRecord';

/** How many people the list shows at once; the finder narrows it down. */
const SHOWN = 50;

type Which = 'all' | MemberKind;

/**
 * Who looked at a list with children in it is logged, once each time the list opens or turns to
 * children (not per render: the ref keeps React's second mount in development from logging twice).
 */
function useChildListLog(which: Which) {
  const { desk } = useDesk();
  const logged = useRef<Which | null>(null);
  useEffect(() => {
    if (which === 'elder' || logged.current === which) return;
    logged.current = which;
    void logChildListView(desk, `people:${which}`);
  }, [desk, which]);
}

/** People: find a person, see and correct their record, print their card, erase on request. */
export function PeopleScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [query, setQuery] = useState('');
  const [which, setWhich] = useState<Which>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  useChildListLog(which);
  const members = useObservable(
    useMemo(() => peopleOnRecord$(desk, which === 'all' ? undefined : which), [desk, which]),
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
        <div className="choices" role="group" aria-label={t('people.show')}>
          {(['all', 'elder', 'child'] as const).map((option) => (
            <label className="choice" key={option}>
              <input
                type="radio"
                name="people-shown"
                checked={which === option}
                onChange={() => setWhich(option)}
              />{' '}
              {t(`people.shown.${option}`)}
            </label>
          ))}
        </div>
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
