import { describe, expect, it } from 'vitest';
import {
  findClusters,
  reportDue,
  windowDays,
  type CentrePlace,
  type DistrictCase,
} from './districtOutbreak';
import { DEFAULT_RULES, validateRules, withDefaults } from './settings';

const centres: CentrePlace[] = [
  { id: 'c1', name: '阳光中心', township: '城关镇' },
  { id: 'c2', name: '和平中心', township: '城关镇' },
  { id: 'c3', name: '河西中心', township: '河西乡' },
  { id: 'c4', name: '新建中心', township: null },
];
const rules = withDefaults({ clusters: { windowDays: 3, township: 4, district: 6 } });

let n = 0;
function ill(
  centreId: string,
  day: string,
  symptoms: DistrictCase['symptoms'],
  extra: Partial<DistrictCase> = {},
): DistrictCase {
  n += 1;
  return {
    centreId,
    personKey: `p${n}`,
    day,
    symptoms,
    source: 'absence',
    receivedAt: `${day}T0${n % 10}:00:00.000Z`,
    ...extra,
  };
}

describe('district clusters across centres', () => {
  it('raises a township cluster when its centres together reach the threshold, though no centre does alone', () => {
    const cases = [
      ill('c1', '2026-12-03', ['rash']),
      ill('c1', '2026-12-04', ['rash', 'fever']),
      ill('c2', '2026-12-04', ['rash']),
      ill('c2', '2026-12-05', ['rash'], { source: 'check' }),
      ill('c3', '2026-12-05', ['rash']),
    ];
    const clusters = findClusters(cases, centres, rules, '2026-12-05');
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      key: 'township:城关镇:rash',
      scope: 'township',
      township: '城关镇',
      symptom: 'rash',
      cases: 4,
      threshold: 4,
      since: '2026-12-03',
      fromAbsences: 3,
      fromChecks: 1,
      centres: [
        // Most cases first; a tie in the order of the names (pinyin).
        { centreId: 'c2', name: '和平中心', cases: 2 },
        { centreId: 'c1', name: '阳光中心', cases: 2 },
      ],
      trend: [
        { day: '2026-12-03', cases: 1 },
        { day: '2026-12-04', cases: 2 },
        { day: '2026-12-05', cases: 1 },
      ],
    });
    // Raised when the fourth case reached the district.
    expect(clusters[0]!.raisedAt).toBe(
      cases
        .map((c) => c.receivedAt)
        .slice(0, 4)
        .sort()[3],
    );
    expect(reportDue(clusters[0]!.raisedAt)).toBe(
      new Date(Date.parse(clusters[0]!.raisedAt) + 24 * 3600_000).toISOString(),
    );
  });

  it('counts a child once however many days or records, and a centre without a township for the district only', () => {
    const same = { personKey: 'same-child' };
    const cases = [
      ill('c4', '2026-12-03', ['fever'], same),
      ill('c4', '2026-12-04', ['fever'], { ...same, source: 'check' }),
      ill('c4', '2026-12-05', ['fever'], same),
      ill('c4', '2026-12-05', ['fever']),
      ill('c4', '2026-12-05', ['fever']),
      ill('c4', '2026-12-05', ['fever']),
      ill('c3', '2026-12-05', ['fever']),
    ];
    expect(findClusters(cases, centres, rules, '2026-12-05')).toEqual([]);
    const more = [...cases, ill('c1', '2026-12-05', ['fever'])];
    const [cluster, ...rest] = findClusters(more, centres, rules, '2026-12-05');
    expect(rest).toEqual([]);
    expect(cluster).toMatchObject({ key: 'district:*:fever', scope: 'district', cases: 6 });
    expect(cluster!.centres.map((c) => [c.name, c.cases])).toEqual([
      ['新建中心', 4],
      ['河西中心', 1],
      ['阳光中心', 1],
    ]);
  });

  it('looks only at the window of days, at the symptoms the rules watch, and gives the earliest onset', () => {
    const cases = [
      ill('c1', '2026-12-01', ['diarrhoea']), // before the 3-day window ending 12-05
      ill('c1', '2026-12-03', ['diarrhoea'], { onset: '2026-12-02' }),
      ill('c1', '2026-12-04', ['diarrhoea']),
      ill('c2', '2026-12-05', ['diarrhoea']),
      ill('c2', '2026-12-06', ['diarrhoea']), // after today
      ill('c1', '2026-12-05', ['cough']),
      ill('c1', '2026-12-05', ['cough']),
      ill('c1', '2026-12-05', ['cough']),
      ill('c2', '2026-12-05', ['cough']), // cough is not watched by default
    ];
    expect(findClusters(cases, centres, rules, '2026-12-05')).toEqual([]);
    const cluster = findClusters(
      [...cases, ill('c2', '2026-12-05', ['diarrhoea'])],
      centres,
      rules,
      '2026-12-05',
    )[0];
    expect(cluster).toMatchObject({ cases: 4, since: '2026-12-03', firstOnset: '2026-12-02' });
  });

  it('ignores records of centres the district does not know', () => {
    const cases = Array.from({ length: 8 }, () => ill('gone', '2026-12-05', ['rash']));
    expect(findClusters(cases, centres, rules, '2026-12-05')).toEqual([]);
  });

  it('has a window of days ending today, and rules checked within range', () => {
    expect(windowDays('2026-03-01', 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(DEFAULT_RULES.clusters).toEqual({ windowDays: 7, township: 10, district: 20 });
    const bad = validateRules(
      withDefaults({ clusters: { windowDays: 30, township: 1, district: 5 } }),
    );
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual([
      'clusters.windowDays',
      'clusters.township',
    ]);
  });
});
