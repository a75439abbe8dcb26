/**
 * District dashboard accounts by department (issue 17, part 4): civil affairs (民政), health (卫健)
 * and disease control (疾控) each see what their remit needs. An account with no department is the
 * district office's and sees everything its role allows. One table for the server, which refuses
 * what a department may not see (server/district/routes.ts), and for the dashboard, which does not
 * offer it.
 */
export const DEPARTMENTS = ['civil', 'health', 'cdc'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && (DEPARTMENTS as readonly string[]).includes(value);
}

/** What a dashboard page or call shows. */
export type DistrictView =
  | 'overview'
  /** A centre's people and a person's record: names, ID numbers (as consented). */
  | 'people'
  | 'devices'
  | 'publish'
  | 'reports'
  /** The outbreak page: centres, counts, symptoms — never a name. */
  | 'outbreaks'
  /** Filling, exporting and sending the report to the disease-control centre. */
  | 'outbreakReport';

const SEES: Record<Department, readonly DistrictView[]> = {
  // Runs the centres: people, subsidies, devices, rules; knows of an outbreak, reports none.
  civil: ['overview', 'people', 'devices', 'publish', 'reports', 'outbreaks'],
  // Health and care: all of it, the report included.
  health: ['overview', 'people', 'devices', 'publish', 'reports', 'outbreaks', 'outbreakReport'],
  // Disease control: counts and symptoms only, never a person.
  cdc: ['overview', 'outbreaks', 'outbreakReport'],
};

export function sees(department: Department | null, view: DistrictView): boolean {
  return department === null || SEES[department].includes(view);
}
