import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentreOverview, OverviewResponse } from '../../server/district/types';
import { nameSearchKeys } from '../../shared/search';
import { api } from '../api';
import { dateTime, errorText, relativeTime } from '../format';
import { SortHeader, useSorted } from '../table';
import { CheckBox, LabelledInput } from '../../shared/ui/LabelledInput';
import { sees, type Department } from '../../shared/rules/departments';
import { OutbreakAlert } from './Outbreaks';

const COLUMNS = [
  'name',
  'devices',
  'lastSync',
  'elders',
  'children',
  'todayElders',
  'todayChildren',
  'todayStaff',
  'todayVisitors',
  'monthElderDays',
  'monthChildDays',
] as const;
type Column = (typeof COLUMNS)[number];

interface Row {
  centre: CentreOverview;
  /** The name, its pinyin and initials, lower case: what the filter box matches. */
  search: string[];
  activeDevices: number;
}

function sortValue(row: Row, key: Column): string | number | null {
  const { centre: c } = row;
  const f = c.figures;
  switch (key) {
    case 'name':
      return c.name;
    case 'devices':
      return row.activeDevices;
    case 'lastSync':
      return c.lastSyncAt ? Date.parse(c.lastSyncAt) : null;
    case 'elders':
      return f.members.elders;
    case 'children':
      return f.members.children;
    case 'todayElders':
      return f.today.elders;
    case 'todayChildren':
      return f.today.children;
    case 'todayStaff':
      return f.today.staff;
    case 'todayVisitors':
      return f.today.visitors;
    case 'monthElderDays':
      return f.month.elderAttendanceDays;
    case 'monthChildDays':
      return f.month.childAttendanceDays;
  }
}

function figures(c: CentreOverview): number[] {
  const f = c.figures;
  return [
    f.members.elders,
    f.members.children,
    f.today.elders,
    f.today.children,
    f.today.staff,
    f.today.visitors,
    f.month.elderAttendanceDays,
    f.month.childAttendanceDays,
  ];
}

export function OverviewPage({ department = null }: { department?: Department | null }) {
  const { t } = useTranslation();
  const [data, setData] = useState<OverviewResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [staleDays, setStaleDays] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [onlyStale, setOnlyStale] = useState(false);
  const query = useDeferredValue(filter.trim().toLowerCase());

  useEffect(() => {
    let live = true;
    const q = staleDays ? `?staleDays=${staleDays}` : '';
    api<OverviewResponse>('GET', `/overview${q}`).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [staleDays]);

  const rows = useMemo<Row[]>(
    () =>
      (data?.centres ?? []).map((centre) => {
        const keys = nameSearchKeys(centre.name);
        return {
          centre,
          search: [centre.name.toLowerCase(), keys.pinyin, keys.initials],
          activeDevices: centre.devices.filter((d) => !d.revokedAt).length,
        };
      }),
    [data],
  );
  const shown = useMemo(
    () =>
      rows.filter(
        (r) =>
          (!onlyStale || r.centre.stale) && (!query || r.search.some((s) => s.includes(query))),
      ),
    [rows, onlyStale, query],
  );
  const value = useCallback(sortValue, []);
  const { sorted, sort, toggle } = useSorted<Row, Column>(shown, value, {
    key: 'name',
    dir: 'ascending',
  });

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="loading">{t('overview.loading')}</p>;
  const staleCount = rows.filter((r) => r.centre.stale).length;
  return (
    <section aria-labelledby="overview-heading">
      {sees(department, 'outbreaks') && <OutbreakAlert />}
      <h2 id="overview-heading">{t('overview.heading')}</h2>
      <p className="muted">{t('overview.day', { day: data.day, month: data.month })}</p>
      <div className="toolbar">
        <LabelledInput
          label={t('overview.filter')}
          type="search"
          value={filter}
          placeholder={t('overview.filterHint')}
          onChange={(e) => setFilter(e.target.value)}
        />
        <CheckBox
          label={t('overview.onlyStale')}
          checked={onlyStale}
          onChange={(e) => setOnlyStale(e.target.checked)}
        />
        <label>
          {t('overview.staleDays')}
          <input
            type="number"
            className="short"
            min={1}
            max={365}
            value={staleDays ?? data.staleDays}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 365) setStaleDays(n);
            }}
          />
          {t('overview.staleUnit')}
        </label>
      </div>
      <p role="status" className="count">
        {t('overview.count', {
          shown: sorted.length,
          total: rows.length,
          stale: staleCount,
          days: data.staleDays,
        })}
      </p>
      <div className="table-wrap">
        <table className="grid overview" aria-describedby="overview-sort-hint">
          <caption id="overview-sort-hint" className="sr-only">
            {t('overview.sortHint')}
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader
                  key={c}
                  id={c}
                  label={t(`overview.col.${c}`)}
                  sort={sort}
                  onSort={toggle}
                  numeric={c !== 'name' && c !== 'lastSync'}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map(({ centre: c, activeDevices }) => (
              <tr key={c.id} className={c.stale ? 'stale' : undefined}>
                <th scope="row">
                  {sees(department, 'people') ? (
                    <a href={`#/centre/${encodeURIComponent(c.id)}`}>{c.name}</a>
                  ) : (
                    c.name
                  )}
                </th>
                <td className="num">{activeDevices}</td>
                <td title={dateTime(c.lastSyncAt)} data-testid="last-sync">
                  {c.lastSyncAt && relativeTime(c.lastSyncAt)}
                  {c.stale && (
                    <span className="badge warn">
                      ⚠{' '}
                      {c.lastSyncAt
                        ? t('overview.stale', { days: data.staleDays })
                        : t('overview.neverSynced')}
                    </span>
                  )}
                </td>
                {figures(c).map((n, i) => (
                  <td key={i} className="num">
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length === 0 && <p>{t('overview.none')}</p>}
    </section>
  );
}
