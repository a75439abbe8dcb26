import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthFlag } from '../../../shared/rules/alerts';
import { healthCheckOffered, type HealthCheckKind } from '../../../shared/rules/checkIn';
import { classRatios } from '../../../shared/rules/ratio';
import { localTime } from '../../../shared/time';
import {
  PRESENT_GROUPS,
  presentCounts,
  type Presence,
  type PresentRow as Row,
} from '../../data/presence';
import { useRules } from '../kit/hooks';
import { PresentRow, useRowLabels } from './PresentRow';
import { RollCall } from './RollCall';

/** Today's health checks so far, by person. */
export interface ChecksDone {
  morning: ReadonlySet<string>;
  noon: ReadonlySet<string>;
  /** Children flagged by today's checks (a fever, a symptom, something abnormal). */
  flags: ReadonlyMap<string, HealthFlag>;
}

/** 在馆人员: everyone in the building by group, the staff-to-child ratios, the roll call. */
export function InBuilding({
  present,
  done,
  mayCheckHealth,
  onLeave,
  onCheck,
  onCorrect,
}: {
  present: Presence;
  done: ChecksDone;
  mayCheckHealth: boolean;
  onLeave(row: Row): void;
  onCheck(row: Row, kind: HealthCheckKind): void;
  onCorrect: ((row: Row) => void) | null;
}) {
  const { t } = useTranslation();
  const [showRollCall, setShowRollCall] = useState(false);
  const rowLabels = useRowLabels();
  const counts = presentCounts(present);
  const now = localTime(new Date());
  const offered = (row: Row) =>
    mayCheckHealth && row.member
      ? healthCheckOffered(
          row.kind,
          {
            morning: done.morning.has(row.visit.memberId),
            noon: done.noon.has(row.visit.memberId),
          },
          now,
        )
      : null;

  return (
    <section className="in-building" aria-labelledby="in-building-title">
      <div className="section-head">
        <h2 id="in-building-title">{t('checkIn.inBuilding')}</h2>
        <button type="button" onClick={() => setShowRollCall(true)}>
          {t('rollCall.print')}
        </button>
      </div>
      <p className="counts">{t('checkIn.inBuildingCount', counts)}</p>
      <Ratios present={present} />
      {counts.total === 0 ? (
        <p className="empty">{t('checkIn.nobodyIn')}</p>
      ) : (
        PRESENT_GROUPS.map((group) =>
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
                    healthDue={row.kind === 'child' && !done.morning.has(row.visit.memberId)}
                    flag={done.flags.get(row.visit.memberId)}
                    flagDetail={mayCheckHealth}
                    labels={rowLabels(row)}
                    onLeave={onLeave}
                    check={offered(row)}
                    onCheck={onCheck}
                    onCorrect={onCorrect}
                  />
                ))}
              </ul>
            </div>
          ),
        )
      )}
      {showRollCall && <RollCall present={present} onClose={() => setShowRollCall(false)} />}
    </section>
  );
}

/** 师幼比: for each class with children in, whether enough of its staff are in too. */
function Ratios({ present }: { present: Presence }) {
  const { t } = useTranslation();
  const { ratioLimits } = useRules();
  const ratios = useMemo(
    () =>
      classRatios(
        present.children.map((r) => ({ childClass: r.member?.childClass })),
        present.staff.map((r) => ({ childClass: r.staff?.childClass })),
        ratioLimits,
      ),
    [present, ratioLimits],
  );
  if (ratios.length === 0) return null;
  return (
    <ul className="tone-list" aria-label={t('ratio.title')}>
      {ratios.map((r) => (
        // A class with enough staff is said plainly; one short of staff stands out.
        <li key={r.childClass} className={r.ok ? undefined : 'error'}>
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
  );
}
