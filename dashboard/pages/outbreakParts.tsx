/** What the outbreak page, its report form and the overview's alert share. */
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OutbreakCluster, OutbreaksResponse } from '../../server/district/types';
import { api } from '../api';
import { dateTime, errorText } from '../format';

/** Re-renders every `ms`, for a countdown. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** The clusters, fetched once per page (and after a report is sent). */
export function useOutbreaks(enabled = true) {
  const [data, setData] = useState<OutbreaksResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api<OutbreaksResponse>('GET', '/outbreaks').then(
      (d) => live && (setData(d), setError(null)),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [enabled, version]);
  return { data, error, reload: () => setVersion((v) => v + 1) };
}

/** "还剩 5 小时 12 分" / "已超时 2 小时" / "已于 … 报告". */
export function Deadline({ cluster, now }: { cluster: OutbreakCluster; now: number }) {
  const { t } = useTranslation();
  const sent = cluster.reports.at(-1);
  if (sent)
    return (
      <span className="badge ok" data-testid="deadline">
        ✓ {t('outbreak.reported', { at: dateTime(sent.at), by: sent.by })}
      </span>
    );
  const left = Date.parse(cluster.dueAt) - now;
  const hours = Math.floor(Math.abs(left) / 3_600_000);
  const minutes = Math.floor((Math.abs(left) % 3_600_000) / 60_000);
  return (
    <span className={left > 0 ? 'badge warn' : 'badge overdue'} data-testid="deadline">
      {left > 0
        ? t('outbreak.dueIn', { hours, minutes, due: dateTime(cluster.dueAt) })
        : t('outbreak.overdue', { hours, minutes, due: dateTime(cluster.dueAt) })}
    </span>
  );
}

export function clusterTitle(
  t: TFunction,
  c: Pick<OutbreakCluster, 'township' | 'symptom'>,
): string {
  return t('outbreak.title', {
    place: c.township ?? t('outbreak.wholeDistrict'),
    symptom: t(`symptom.${c.symptom}`),
  });
}
