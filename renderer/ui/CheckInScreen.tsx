import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { map } from 'rxjs';
import type { AttendanceDoc, MemberDoc } from '../../shared/schemas';
import { searchPeople } from '../../shared/search';
import { checkIn, checkOut } from '../data/attendance';
import { useDesk } from './DeskContext';
import { useObservable } from './hooks';

type Notice = { tone: 'ok' | 'warn' | 'error'; text: string } | null;

const time = (iso: string) => format(new Date(iso), 'HH:mm');

export function CheckInScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [notice, setNotice] = useState<Notice>(null);
  const input = useRef<HTMLInputElement>(null);

  const members$ = useMemo(
    () => desk.db.members.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as MemberDoc))),
    [desk],
  );
  const visits$ = useMemo(
    () =>
      desk.db.attendance
        .find({ selector: { status: 'in' } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as AttendanceDoc))),
    [desk],
  );
  const members = useObservable(members$, []);
  const openVisits = useObservable(visits$, []);

  const byId = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const openByMember = useMemo(() => new Map(openVisits.map((v) => [v.memberId, v])), [openVisits]);
  const results = useMemo(() => searchPeople(members, query), [members, query]);
  const inBuilding = useMemo(
    () =>
      openVisits
        .map((visit) => ({ visit, member: byId.get(visit.memberId) }))
        .filter((row): row is { visit: AttendanceDoc; member: MemberDoc } => !!row.member)
        .sort((a, b) => a.visit.checkInAt.localeCompare(b.visit.checkInAt)),
    [openVisits, byId],
  );

  useEffect(() => setSelected(0), [query]);

  async function doCheckIn(member: MemberDoc) {
    try {
      const result = await checkIn(desk, member.id);
      setNotice(
        result.kind === 'checkedIn'
          ? { tone: 'ok', text: t('checkIn.checkedIn', { name: member.name }) }
          : {
              tone: 'warn',
              text: t('checkIn.alreadyIn', {
                name: member.name,
                time: time(result.visit.checkInAt),
              }),
            },
      );
      setQuery('');
    } catch (e) {
      setNotice({ tone: 'error', text: t('checkIn.failed', { message: (e as Error).message }) });
    }
    input.current?.focus();
  }

  async function doCheckOut(member: MemberDoc, visit: AttendanceDoc) {
    try {
      await checkOut(desk, visit.id);
      setNotice({ tone: 'ok', text: t('checkIn.checkedOut', { name: member.name }) });
    } catch (e) {
      setNotice({ tone: 'error', text: t('checkIn.failed', { message: (e as Error).message }) });
    }
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      setSelected((i) => Math.min(i + 1, Math.max(results.length - 1, 0)));
      event.preventDefault();
    } else if (event.key === 'ArrowUp') {
      setSelected((i) => Math.max(i - 1, 0));
      event.preventDefault();
    } else if (event.key === 'Enter') {
      const member = results[selected];
      if (member) void doCheckIn(member);
      else if (query.trim()) setNotice({ tone: 'warn', text: t('checkIn.noMatch', { query }) });
      event.preventDefault();
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  }

  const elders = inBuilding.filter((r) => r.member.kind === 'elder').length;

  return (
    <div className="checkin">
      <section className="finder" aria-labelledby="finder-label">
        <label id="finder-label" htmlFor="finder">
          {t('checkIn.searchLabel')}
        </label>
        <input
          id="finder"
          ref={input}
          className="finder-input"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={query}
          placeholder={t('checkIn.searchPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby="finder-hint"
        />
        <p id="finder-hint" className="hint">
          {t('checkIn.hint')}
        </p>
        {notice && (
          <p
            className={`notice ${notice.tone}`}
            role={notice.tone === 'error' ? 'alert' : 'status'}
          >
            {notice.text}
          </p>
        )}
        <ul className="results" aria-label="results">
          {results.map((member, index) => {
            const visit = openByMember.get(member.id);
            return (
              <li key={member.id} className={index === selected ? 'result selected' : 'result'}>
                <span className="name">{member.name}</span>
                <span className="meta">
                  {t(`kind.${member.kind}`)} · {t(`gender.${member.gender}`)} · {member.birthDate}
                </span>
                {visit ? (
                  <button type="button" onClick={() => void doCheckOut(member, visit)}>
                    {t('checkIn.checkOutButton')}
                  </button>
                ) : (
                  <button type="button" className="primary" onClick={() => void doCheckIn(member)}>
                    {t('checkIn.checkInButton')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        {query.trim() && results.length === 0 && (
          <p className="empty">{t('checkIn.noMatch', { query })}</p>
        )}
      </section>
      <section className="in-building" aria-labelledby="in-building-title">
        <h2 id="in-building-title">{t('checkIn.inBuilding')}</h2>
        <p className="counts">
          {t('checkIn.inBuildingCount', {
            total: inBuilding.length,
            elders,
            children: inBuilding.length - elders,
          })}
        </p>
        {inBuilding.length === 0 ? (
          <p className="empty">{t('checkIn.nobodyIn')}</p>
        ) : (
          <ul aria-label={t('checkIn.inBuilding')}>
            {inBuilding.map(({ visit, member }) => (
              <li key={visit.id} className="present">
                <span className="name">{member.name}</span>
                <span className="meta">
                  {t(`kind.${member.kind}`)} · {t('checkIn.since', { time: time(visit.checkInAt) })}
                </span>
                <button type="button" onClick={() => void doCheckOut(member, visit)}>
                  {t('checkIn.checkOutButton')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
