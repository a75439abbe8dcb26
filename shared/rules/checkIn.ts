/** The noon check (午检) is offered from this time of day on (HH:mm, the desk's local time). */
export const NOON_CHECK_FROM = '11:00';

export type HealthCheckKind = 'morningCheck' | 'noonCheck';

/**
 * The health check the in-building list offers for a person now: children only, the morning
 * check until it is done, then the noon check from `NOON_CHECK_FROM` until that is done.
 */
export function healthCheckOffered(
  kind: 'elder' | 'child' | 'staff' | 'visitor',
  done: { morning: boolean; noon: boolean },
  time: string,
): HealthCheckKind | null {
  if (kind !== 'child') return null;
  if (!done.morning) return 'morningCheck';
  if (time >= NOON_CHECK_FROM && !done.noon) return 'noonCheck';
  return null;
}
