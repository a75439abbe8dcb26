/** Times as older staff read them: "3 天前", "刚刚", and the exact time on hover. */
import i18next from 'i18next';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return i18next.t('time.never');
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 60) return i18next.t('time.justNow');
  const format = new Intl.RelativeTimeFormat(i18next.language, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return i18next.t('time.justNow');
}

/** "2026-11-23 14:05" in the browser's time zone. */
export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** An error from a call, in words for the page (the server's message when nothing fits better). */
export function errorText(err: unknown): string {
  const e = err as { status?: number; code?: string; message?: string };
  if (e.code === 'network') return i18next.t('errors.network');
  if (e.status === 403) return i18next.t('errors.forbidden');
  if (e.status === 404) return i18next.t('errors.notFound');
  return i18next.t('errors.server', { message: e.message ?? String(err) });
}
