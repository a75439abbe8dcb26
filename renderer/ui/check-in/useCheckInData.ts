import { useMemo } from 'react';
import { healthFlags } from '../../../shared/rules/alerts';
import { healthChecks$ } from '../../data/health';
import { peopleInCare$, staff$ } from '../../data/people';
import { presence$, type Presence } from '../../data/presence';
import { useDeskRead, useRules } from '../kit/hooks';
import type { ChecksDone } from './InBuilding';

const NOBODY: Presence = { elders: [], children: [], staff: [], visitors: [] };

/**
 * What the check-in screen reads: who may be checked in (people in care, active staff), who is
 * in the building (whoever has an open visit, whatever their status), and today's health checks.
 */
export function useCheckInData(today: string) {
  const members = useDeskRead(peopleInCare$, []);
  const staff = useDeskRead(staff$, [], 'active');
  const present = useDeskRead(presence$, NOBODY);
  const checks = useDeskRead(healthChecks$, [], today, today);
  const { feverFrom } = useRules();
  const done = useMemo<ChecksDone>(
    () => ({
      morning: new Set(checks.filter((h) => h.kind === 'morningCheck').map((h) => h.memberId)),
      noon: new Set(checks.filter((h) => h.kind === 'noonCheck').map((h) => h.memberId)),
      flags: healthFlags(checks, feverFrom),
    }),
    [checks, feverFrom],
  );
  return { members, staff, present, done };
}
