import type { StaffDoc } from '../schemas';
import type { StaffRole } from '../schemas/staff';

/**
 * The certificates a role must hold to work (持证上岗, docs/DOMAIN.md "Who is served"): any one of
 * the kinds listed. Caregivers hold a care certificate: 养老护理员, 保育员 or 育婴员.
 */
export const REQUIRED_CERTIFICATES: Partial<Record<StaffRole, readonly string[]>> = {
  caregiver: ['elderCaregiver', 'childcareWorker', 'infantCare'],
};

/**
 * Of the active staff on `day`: who holds a certificate that has expired, and who lacks (or holds
 * only expired ones of) a certificate their role requires. Used by the district's monthly report.
 */
export function certificateGaps(
  staff: readonly Pick<StaffDoc, 'id' | 'role' | 'active' | 'certificates'>[],
  day: string,
): { expired: string[]; missing: string[] } {
  const expired: string[] = [];
  const missing: string[] = [];
  for (const s of staff) {
    if (!s.active) continue;
    const certs = s.certificates ?? [];
    if (certs.some((c) => c.expiresOn < day)) expired.push(s.id);
    const required = REQUIRED_CERTIFICATES[s.role];
    if (required && !certs.some((c) => required.includes(c.kind) && c.expiresOn >= day))
      missing.push(s.id);
  }
  return { expired, missing };
}
