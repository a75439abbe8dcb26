import { memo, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { map, type Observable } from 'rxjs';
import { can } from '../../../shared/roles';
import { ageParts, doorWarnings, type DoorWarning } from '../../../shared/rules/people';
import { classRatios } from '../../../shared/rules/ratio';
import type {
  AttendanceDoc,
  ConsentDoc,
  HealthDoc,
  MemberDoc,
  StaffDoc,
} from '../../../shared/schemas';
import { searchPeople } from '../../../shared/search';
import { localDay } from '../../../shared/time';
import { checkIn, checkOut, closeAtClosing } from '../../data/attendance';
import { groupPresent, type PresentRow } from '../../data/presence';
import { CorrectVisitDialog } from './CorrectVisitDialog';
import { useDesk } from '../app/DeskContext';
import { HealthCheckDialog } from './HealthCheckDialog';
import { PickupDialog } from './PickupDialog';
import { RollCall } from './RollCall';
import { VisitorForm } from './VisitorForm';
import { useFinderKeys, useObservable, useRules } from '../kit/hooks';
import { saveErrorText } from '../kit/errors';

type Notice = { tone: 'ok' | 'warn' | 'error'; text: string } | null;

/** Who the desk just checked in, shown big with what matters at the door. */
interface Arrival {
  member: MemberDoc;
  warnings: DoorWarning[];
  at: string;
}

/** A staff member is found by the same search as members (name, pinyin, staff card). */
type Found = { kind: 'member'; person: MemberDoc } | { kind: 'staff'; person: StaffDoc };

const time = (iso: string) => format(new Date(iso), 'HH:mm');

function useCollection<T>(make: () => Observable<T>, deps: unknown[], initial: T) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const source = useMemo(make, deps);
  return useObservable(source, initial);
}

export function CheckInScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const staffRole = desk.session?.staff.role;
  const rules = useRules();
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [arrival, setArrival] = useState<Arrival | null>(null);
  const [pickupFor, setPickupFor] = useState<{ child: MemberDoc; visit: AttendanceDoc } | null>(
    null,
  );
  const [healthFor, setHealthFor] = useState<{
    member: MemberDoc;
    kind: 'morningCheck' | 'noonCheck';
  } | null>(null);
  const [correcting, setCorrecting] = useState<Row | null>(null);
  const [showVisitor, setShowVisitor] = useState(false);
  const [showRollCall, setShowRollCall] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const today = localDay(new Date());

  const members = useCollection(
    () =>
      desk.db.members
        .find()
        .$.pipe(
          map((docs) =>
            docs.map((d) => d.toJSON() as MemberDoc).filter((m) => m.status !== 'erased'),
          ),
        ),
    [desk],
    [] as MemberDoc[],
  );
  const staff = useCollection(
    () =>
      desk.db.staff
        .find({ selector: { active: true } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as StaffDoc))),
    [desk],
    [] as StaffDoc[],
  );
  const openVisits = useCollection(
    () =>
      desk.db.attendance
        .find({ selector: { status: 'in' } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as AttendanceDoc))),
    [desk],
    [] as AttendanceDoc[],
  );
  const checksToday = useCollection(
    () =>
      desk.db.health
        .find({ selector: { day: today } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as HealthDoc))),
    [desk, today],
    [] as HealthDoc[],
  );
  const consents = useCollection(
    () => desk.db.consents.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as ConsentDoc))),
    [desk],
    [] as ConsentDoc[],
  );

  const byId = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const staffById = useMemo(() => new Map(staff.map((s) => [s.id, s])), [staff]);
  const openByPerson = useMemo(() => new Map(openVisits.map((v) => [v.memberId, v])), [openVisits]);
  const checked = useMemo(
    () => new Set(checksToday.filter((h) => h.kind === 'morningCheck').map((h) => h.memberId)),
    [checksToday],
  );
  const noonChecked = useMemo(
    () => new Set(checksToday.filter((h) => h.kind === 'noonCheck').map((h) => h.memberId)),
    [checksToday],
  );
  const afterNoon = format(new Date(), 'HH:mm') >= '11:00';
  const searchable = useMemo(
    () => [
      ...members.map((m) => ({ ...m, found: { kind: 'member', person: m } as Found })),
      ...staff.map((s) => ({ ...s, found: { kind: 'staff', person: s } as Found })),
    ],
    [members, staff],
  );
  const results = useMemo(
    () => searchPeople(searchable, query).map((r) => r.found),
    [searchable, query],
  );

  const present = useMemo(
    () => groupPresent(openVisits, byId, staffById),
    [openVisits, byId, staffById],
  );

  const ratios = useMemo(
    () =>
      classRatios(
        present.children.map((r) => ({ childClass: r.member?.childClass })),
        present.staff.map((r) => ({ childClass: r.staff?.childClass })),
        rules.ratioLimits,
      ),
    [present, rules.ratioLimits],
  );

  function refocus() {
    setTimeout(() => input.current?.focus(), 0);
  }

  async function arrive(found: Found) {
    try {
      if (found.kind === 'staff') {
        const result = await checkIn(desk, found.person.id, new Date(), { personKind: 'staff' });
        setNotice(
          result.kind === 'checkedIn'
            ? { tone: 'ok', text: t('checkIn.staffIn', { name: found.person.name }) }
            : {
                tone: 'warn',
                text: t('checkIn.alreadyIn', {
                  name: found.person.name,
                  time: time(result.visit.checkInAt),
                }),
              },
        );
        setArrival(null);
      } else {
        const member = found.person;
        const result = await checkIn(desk, member.id);
        if (result.kind === 'checkedIn') {
          setNotice(null);
          setArrival({
            member,
            at: result.visit.checkInAt,
            warnings: doorWarnings(member, consents, today, checked.has(member.id)),
          });
        } else {
          setArrival(null);
          setNotice({
            tone: 'warn',
            text: t('checkIn.alreadyIn', { name: member.name, time: time(result.visit.checkInAt) }),
          });
        }
      }
      setQuery('');
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    }
    refocus();
  }

  async function leave(row: Row) {
    if (row.kind === 'child' && row.member) {
      setPickupFor({ child: row.member, visit: row.visit });
      return;
    }
    try {
      await checkOut(desk, row.visit.id);
      setArrival(null);
      setNotice({ tone: 'ok', text: t('checkIn.checkedOut', { name: row.name }) });
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    }
    refocus();
  }

  function rowOf(found: Found): Row | null {
    const visit = openByPerson.get(found.person.id);
    if (!visit) return null;
    return found.kind === 'staff'
      ? { visit, name: found.person.name, kind: 'staff', staff: found.person }
      : { visit, name: found.person.name, kind: found.person.kind, member: found.person };
  }

  const { selected, onKeyDown } = useFinderKeys(results, query, setQuery, {
    pick: (found) => void arrive(found),
    noMatch: (q) => setNotice({ tone: 'warn', text: t('checkIn.noMatch', { query: q }) }),
  });

  // Row labels, worked out once per language and check-in time rather than for every row on
  // every render: a busy day has a hundred people in the building, and each check-in re-renders.
  const rowLabels = useMemo(() => {
    const cache = new Map<string, PresentRowProps['labels']>();
    const out = t('checkIn.checkOutButton');
    const healthDue = t('checkIn.healthDue');
    const morningCheck = t('health.morningCheck');
    const noonCheck = t('health.noonCheck');
    const correct = t('correct.button');
    return (row: Row) => {
      const at = time(row.visit.checkInAt);
      const key = `${row.kind}|${at}`;
      let labels = cache.get(key);
      if (!labels) {
        labels = {
          kind: t(`checkIn.kindOf.${row.kind}`),
          since: t('checkIn.since', { time: at }),
          out,
          healthDue,
          morningCheck,
          noonCheck,
          correct,
        };
        cache.set(key, labels);
      }
      return labels;
    };
  }, [t]);

  const total =
    present.elders.length +
    present.children.length +
    present.staff.length +
    present.visitors.length;
  const mayCheckHealth = can(staffRole, 'viewHealth');
  const mayCorrect = can(staffRole, 'correctRecords');
  const onRowCheck = (row: Row, kind: 'morningCheck' | 'noonCheck') =>
    row.member && setHealthFor({ member: row.member, kind });

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
        <LeftOpen today={today} />
        {arrival && (
          <ArrivalCard
            arrival={arrival}
            healthChecked={checked.has(arrival.member.id)}
            onHealthCheck={
              mayCheckHealth
                ? () => setHealthFor({ member: arrival.member, kind: 'morningCheck' })
                : null
            }
          />
        )}
        {notice && (
          <p
            className={`notice ${notice.tone}`}
            role={notice.tone === 'error' ? 'alert' : 'status'}
          >
            {notice.text}
          </p>
        )}
        <ul className="results" aria-label="results">
          {results.map((found, index) => {
            const row = rowOf(found);
            return (
              <li
                key={found.person.id}
                className={index === selected ? 'result selected' : 'result'}
              >
                <span className="name">{found.person.name}</span>
                <span className="meta">
                  {found.kind === 'staff'
                    ? t(`role.${found.person.role}`)
                    : `${t(`kind.${found.person.kind}`)} · ${t(`gender.${found.person.gender}`)} · ${found.person.birthDate}`}
                </span>
                {row ? (
                  <button type="button" onClick={() => void leave(row)}>
                    {t('checkIn.checkOutButton')}
                  </button>
                ) : (
                  <button type="button" className="primary" onClick={() => void arrive(found)}>
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
        <div className="finder-actions">
          <button type="button" onClick={() => setShowVisitor((v) => !v)}>
            {t('visitor.signIn')}
          </button>
        </div>
        {showVisitor && (
          <VisitorForm
            onDone={(name) => {
              setShowVisitor(false);
              if (name) setNotice({ tone: 'ok', text: t('visitor.signedIn', { name }) });
              refocus();
            }}
          />
        )}
      </section>
      <section className="in-building" aria-labelledby="in-building-title">
        <div className="section-head">
          <h2 id="in-building-title">{t('checkIn.inBuilding')}</h2>
          <button type="button" onClick={() => setShowRollCall(true)}>
            {t('rollCall.print')}
          </button>
        </div>
        <p className="counts">
          {t('checkIn.inBuildingCount', {
            total,
            elders: present.elders.length,
            children: present.children.length,
            staff: present.staff.length,
            visitors: present.visitors.length,
          })}
        </p>
        {ratios.length > 0 && (
          <ul className="ratios" aria-label={t('ratio.title')}>
            {ratios.map((r) => (
              <li key={r.childClass} className={r.ok ? 'ratio ok' : 'ratio short'}>
                {t(r.ok ? 'ratio.ok' : 'ratio.short', {
                  cls: t(`childClass.${r.childClass}`),
                  children: r.children,
                  staff: r.staff,
                  limit: r.limit,
                  needed: r.staffNeeded,
                })}
              </li>
            ))}
          </ul>
        )}
        {total === 0 ? (
          <p className="empty">{t('checkIn.nobodyIn')}</p>
        ) : (
          (['children', 'elders', 'staff', 'visitors'] as const).map((group) =>
            present[group].length === 0 ? null : (
              <div key={group} className="present-group">
                <h3>
                  {t(`checkIn.group.${group}`)} ({present[group].length})
                </h3>
                <ul aria-label={t(`checkIn.group.${group}`)}>
                  {present[group].map((row) => (
                    <PresentRow
                      key={row.visit.id}
                      row={row}
                      healthDue={row.kind === 'child' && !checked.has(row.visit.memberId)}
                      labels={rowLabels(row)}
                      onLeave={leave}
                      check={
                        mayCheckHealth && row.kind === 'child' && row.member
                          ? !checked.has(row.visit.memberId)
                            ? 'morningCheck'
                            : afterNoon && !noonChecked.has(row.visit.memberId)
                              ? 'noonCheck'
                              : null
                          : null
                      }
                      onCheck={onRowCheck}
                      onCorrect={mayCorrect ? setCorrecting : null}
                    />
                  ))}
                </ul>
              </div>
            ),
          )
        )}
      </section>
      {pickupFor && (
        <PickupDialog
          child={pickupFor.child}
          visit={pickupFor.visit}
          onClose={(done) => {
            if (done)
              setNotice({
                tone: 'ok',
                text: t('checkIn.checkedOut', { name: pickupFor.child.name }),
              });
            setPickupFor(null);
            refocus();
          }}
        />
      )}
      {healthFor && (
        <HealthCheckDialog
          member={healthFor.member}
          kind={healthFor.kind}
          onClose={() => {
            setHealthFor(null);
            refocus();
          }}
        />
      )}
      {correcting && (
        <CorrectVisitDialog
          row={correcting}
          onClose={() => {
            setCorrecting(null);
            refocus();
          }}
        />
      )}
      {showRollCall && <RollCall present={present} onClose={() => setShowRollCall(false)} />}
    </div>
  );
}

export type Row = PresentRow;

interface PresentRowProps {
  row: Row;
  healthDue: boolean;
  labels: {
    kind: string;
    since: string;
    out: string;
    healthDue: string;
    morningCheck: string;
    noonCheck: string;
    correct: string;
  };
  onLeave(row: Row): void;
  /** The health check this row offers (health worker, children), if any. */
  check: 'morningCheck' | 'noonCheck' | null;
  onCheck(row: Row, kind: 'morningCheck' | 'noonCheck'): void;
  /** Managers correct a visit (a wrong time, a visit opened by mistake). */
  onCorrect: ((row: Row) => void) | null;
}

/** One person in the building; memoised so a check-in re-renders only the row it adds. */
const PresentRow = memo(function PresentRow({
  row,
  healthDue,
  labels,
  onLeave,
  check,
  onCheck,
  onCorrect,
}: PresentRowProps) {
  return (
    <li className="present">
      <span className="name">{row.name}</span>
      <span className="meta">
        {labels.kind} · {labels.since}
        {healthDue && <span className="badge warn"> {labels.healthDue}</span>}
      </span>
      {check && (
        <button type="button" className="primary" onClick={() => onCheck(row, check)}>
          {labels[check]}
        </button>
      )}
      {onCorrect && (
        <button type="button" onClick={() => onCorrect(row)}>
          {labels.correct}
        </button>
      )}
      <button type="button" onClick={() => onLeave(row)}>
        {labels.out}
      </button>
    </li>
  );
}, samePresentRow);

function samePresentRow(a: PresentRowProps, b: PresentRowProps): boolean {
  return (
    a.row.visit === b.row.visit &&
    a.row.name === b.row.name &&
    a.healthDue === b.healthDue &&
    a.check === b.check &&
    !a.onCorrect === !b.onCorrect &&
    a.labels.kind === b.labels.kind &&
    a.labels.since === b.labels.since &&
    a.labels.out === b.labels.out
  );
}

function ArrivalCard({
  arrival,
  healthChecked,
  onHealthCheck,
}: {
  arrival: Arrival;
  healthChecked: boolean;
  onHealthCheck: (() => void) | null;
}) {
  const { t } = useTranslation();
  const { member } = arrival;
  const age = ageParts(member.birthDate, localDay(new Date()));
  const warnings = arrival.warnings.filter((w) => !(w.kind === 'healthCheckDue' && healthChecked));
  return (
    <div
      className={warnings.length ? 'arrival has-warnings' : 'arrival'}
      role="status"
      aria-live="polite"
      data-testid="arrival"
    >
      <p className="arrival-name">{t('checkIn.checkedIn', { name: member.name })}</p>
      <p className="arrival-meta">
        {t(`kind.${member.kind}`)} · {t(`gender.${member.gender}`)} ·{' '}
        {member.kind === 'child'
          ? t('age.child', { years: age.years, months: age.months })
          : t('age.elder', { years: age.years })}
        {member.childClass ? ` · ${t(`childClass.${member.childClass}`)}` : ''} · {time(arrival.at)}
      </p>
      {warnings.length > 0 && (
        <ul className="door-warnings">
          {warnings.map((w) => (
            <li key={w.kind} className={`door-warning ${w.kind}`}>
              {t(`door.${w.kind}`, {
                allergies: 'allergies' in w ? w.allergies.join('、') : '',
                diets: 'diets' in w ? w.diets.map((d) => t(`diet.${d}`)).join('、') : '',
                date: 'expiredOn' in w ? w.expiredOn : '',
              })}
            </li>
          ))}
        </ul>
      )}
      {member.kind === 'child' && !healthChecked && onHealthCheck && (
        <button type="button" className="primary big" onClick={onHealthCheck}>
          {t('health.morningCheck')}
        </button>
      )}
    </div>
  );
}

/**
 * Visits still open from an earlier day: someone was not checked out at closing. The desk says
 * so the next morning, and closes them at that day's closing time, marked as such.
 */
function LeftOpen({ today }: { today: string }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const { closingTime } = useRules();
  const left$ = useMemo(
    () =>
      desk.db.attendance
        .find({ selector: { status: 'in', day: { $lt: today } } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as AttendanceDoc))),
    [desk, today],
  );
  const left = useObservable(left$, [] as AttendanceDoc[]);
  if (left.length === 0) return null;
  return (
    <div className="notice warn" role="status">
      {t('closing.leftOpen', { count: left.length, day: left[0]!.day })}{' '}
      <button
        type="button"
        onClick={() => void Promise.all(left.map((v) => closeAtClosing(desk, v.id, closingTime)))}
      >
        {t('closing.closeThem', { time: closingTime })}
      </button>
    </div>
  );
}
