import type { ChildClass } from '../schemas/members';
import type { Symptom } from '../schemas/absences';

/**
 * The rules a centre works by. DOMAIN.md marks these figures configurable: the district pushes
 * them (district issue); until it does, a desk uses these defaults.
 */
export interface CentreRules {
  /** Most children per staff member in each class (托育机构设置标准: 1:3, 1:5, 1:7). */
  ratioLimits: Record<ChildClass, number>;
  /** Children not in by this local time (HH:mm) are listed as absent. */
  childrenExpectedBy: string;
  /** When the centre closes (HH:mm): anyone still checked in is listed for the closing sweep. */
  closingTime: string;
  /** Outbreak rule: cases of similar symptoms in one class… */
  outbreak: {
    symptoms: Symptom[];
    /** …on one day… */
    sameDay: number;
    /** …or over this many consecutive days… */
    windowDays: number;
    /** …at least this many. */
    inWindow: number;
  };
  /** A temperature at or above this (°C) is a fever at the morning check. */
  feverFrom: number;
  /** Staff PIN: failed tries before the PIN locks, and for how long. */
  pinMaxFailures: number;
  pinLockMinutes: number;
  /** The desk locks after this many idle minutes. */
  idleLockMinutes: number;
  /** Certificates are flagged this many days before they expire. */
  certificateWarnDays: number;
}

export const DEFAULT_RULES: CentreRules = {
  ratioLimits: { infant: 3, toddler: 5, older: 7, preschool: 15 },
  childrenExpectedBy: '09:30',
  closingTime: '17:30',
  outbreak: {
    symptoms: ['fever', 'rash', 'diarrhoea', 'vomiting', 'jaundice'],
    sameDay: 3,
    windowDays: 3,
    inWindow: 5,
  },
  feverFrom: 37.3,
  pinMaxFailures: 5,
  pinLockMinutes: 15,
  idleLockMinutes: 5,
  certificateWarnDays: 30,
};
