/** Sortable tables: a header button per column (keyboard reachable), `aria-sort` on the header. */
import { useMemo, useState } from 'react';

export type SortDir = 'ascending' | 'descending';
export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

type SortValue = string | number | null;

/**
 * Rows sorted by the chosen column, recomputed only when the rows or the choice change. Empty
 * values (never synced, no age) go last both ways, so "the oldest sync" is not a blank row.
 */
export function useSorted<T, K extends string>(
  rows: T[],
  value: (row: T, key: K) => SortValue,
  initial: SortState<K>,
  /** Columns with an order of their own: names, by the desk's order (shared/search `compareNames`). */
  compare?: Partial<Record<K, (a: T, b: T) => number>>,
) {
  const [sort, setSort] = useState<SortState<K>>(initial);
  const sorted = useMemo(() => {
    const collator = new Intl.Collator('zh-CN', { numeric: true });
    const sign = sort.dir === 'ascending' ? 1 : -1;
    const own = compare?.[sort.key];
    if (own) return [...rows].sort((a, b) => own(a, b) * sign);
    const keyed = rows.map((row) => ({ row, v: value(row, sort.key) }));
    keyed.sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? 0 : a.v === null ? 1 : -1;
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : collator.compare(String(a.v), String(b.v));
      return c * sign;
    });
    return keyed.map((k) => k.row);
  }, [rows, value, sort, compare]);
  const toggle = (key: K) =>
    setSort((s) =>
      s.key === key
        ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' }
        : { key, dir: 'ascending' },
    );
  return { sorted, sort, toggle };
}

export function SortHeader<K extends string>({
  id,
  label,
  sort,
  onSort,
  numeric,
}: {
  id: K;
  label: string;
  sort: SortState<K>;
  onSort: (key: K) => void;
  numeric?: boolean;
}) {
  const active = sort.key === id;
  return (
    <th aria-sort={active ? sort.dir : 'none'} className={numeric ? 'num' : undefined} scope="col">
      <button type="button" className="sort" onClick={() => onSort(id)}>
        {label}
        <span aria-hidden="true" className="arrow">
          {active ? (sort.dir === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
