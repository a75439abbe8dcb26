import { useMemo } from 'react';
import { healthChecks$ } from '../../data/health';
import { peopleInCare$, staff$ } from '../../data/people';
import { presence$, type Presence } from '../../data/presence';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';
import type { ChecksDone } from './InBuilding';

const NOBODY: Presence = { elders: [], children: [], staff: [], visitors: [] };

/**
 * What the check-in screen reads: who may be checked in (people in care, active staff), who is
 * in the building (whoever has an open visit, whatever their status), and today's health checks.
 */
export function useCheckInData(today: string) {
  const { desk } = useDesk();
  const members = useObservable(
    useMemo(() => peopleInCare$(desk), [desk]),
    [],
  );
  const staff = useObservable(
    useMemo(() => staff$(desk, 'active'), [desk]),
    [],
  );
  const present = useObservable(
    useMemo(() => presence$(desk), [desk]),
    NOBODY,
  );
  const checks = useObservable(
    useMemo(() => healthChecks$(desk, today, today), [desk, today]),
    [],
  );
  const done = useMemo<ChecksDone>(
    () => ({
      morning: new Set(checks.filter((h) => h.kind === 'morningCheck').map((h) => h.memberId)),
      noon: new Set(checks.filter((h) => h.kind === 'noonCheck').map((h) => h.memberId)),
    }),
    [checks],
  );
  return { members, staff, present, done };
}
