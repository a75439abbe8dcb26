import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthFlag } from '../../../shared/rules/alerts';
import type { HealthCheckKind } from '../../../shared/rules/checkIn';
import { localTime } from '../../../shared/time';
import type { PresentRow as Row } from '../../data/presence';
import { HealthFlagBadge } from '../kit/HealthFlag';
import { PersonName } from '../kit/PersonName';

/** The words of one row, shared by every row of the same kind and check-in instant. */
export interface RowLabels {
  kind: string;
  since: string;
  out: string;
  healthDue: string;
  morningCheck: string;
  noonCheck: string;
  correct: string;
}

/**
 * Row labels, worked out once per language and check-in time rather than for every row on every
 * render: a busy day has a hundred people in the building, and each check-in re-renders.
 */
export function useRowLabels(): (row: Row) => RowLabels {
  const { t } = useTranslation();
  return useMemo(() => {
    const cache = new Map<string, RowLabels>();
    const out = t('checkIn.checkOutButton');
    const healthDue = t('checkIn.healthDue');
    const morningCheck = t('health.morningCheck');
    const noonCheck = t('health.noonCheck');
    const correct = t('correct.button');
    return (row: Row) => {
      // Keyed by the instant itself: its clock time is worked out once, not at every render.
      const key = `${row.kind}|${row.visit.checkInAt}`;
      let labels = cache.get(key);
      if (!labels) {
        labels = {
          kind: t(`checkIn.kindOf.${row.kind}`),
          since: t('checkIn.since', { time: localTime(row.visit.checkInAt) }),
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
}

interface PresentRowProps {
  row: Row;
  healthDue: boolean;
  /** A check of today found something (shared/rules/alerts.ts): flagged, in words for health roles. */
  flag?: HealthFlag | undefined;
  flagDetail?: boolean;
  labels: RowLabels;
  onLeave(row: Row): void;
  /** The health check this row offers (health worker, children), if any. */
  check: HealthCheckKind | null;
  onCheck(row: Row, kind: HealthCheckKind): void;
  /** Managers correct a visit (a wrong time, a visit opened by mistake). */
  onCorrect: ((row: Row) => void) | null;
}

/** One person in the building; memoised so a check-in re-renders only the row it adds. */
export const PresentRow = memo(function PresentRow({
  row,
  healthDue,
  flag,
  flagDetail = false,
  labels,
  onLeave,
  check,
  onCheck,
  onCorrect,
}: PresentRowProps) {
  return (
    <li className="present">
      <span className="name">
        <PersonName person={{ id: row.visit.memberId, name: row.name }} />
      </span>
      <span className="meta">
        {labels.kind} · {labels.since}
        {healthDue && <span className="badge warn"> {labels.healthDue}</span>}
        {flag && <HealthFlagBadge flag={flag} detail={flagDetail} />}
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
    a.flag === b.flag &&
    a.flagDetail === b.flagDetail &&
    a.check === b.check &&
    !a.onCorrect === !b.onCorrect &&
    a.labels.kind === b.labels.kind &&
    a.labels.since === b.labels.since &&
    a.labels.out === b.labels.out
  );
}
