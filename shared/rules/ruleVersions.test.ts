import { describe, expect, it } from 'vitest';
import {
  nextVersion,
  periodsWithin,
  settingsWithVersion,
  versionOn,
  versionsOf,
  type RulesVersion,
} from './ruleVersions';

const lunch = (fen: number) => ({ daily: { mealSubsidies: { neediest: { lunch: fen } } } });
const v = (
  effectiveFrom: string,
  fen: number,
  publishedAt = `${effectiveFrom || '2025-01-01'}T00:00:00Z`,
): RulesVersion => ({
  effectiveFrom,
  publishedAt,
  title: `¥${fen / 100}`,
  settings: lunch(fen),
});

describe('rules in force by date', () => {
  it('reads a document from before versions as one version in force since always', () => {
    const old = { title: '旧', publishedAt: '2025-12-01T00:00:00Z', settings: lunch(1200) };
    const versions = versionsOf(old);
    expect(versions).toEqual([
      { effectiveFrom: '', publishedAt: old.publishedAt, title: '旧', settings: lunch(1200) },
    ]);
    expect(versionOn(versions, '2020-01-01')?.title).toBe('旧');
  });
  it('takes the version in force on the day: from its effective date on, not the day before', () => {
    const versions = [v('2026-01-01', 1500), v('2026-03-16', 1800)];
    expect(versionOn(versions, '2025-12-31')).toBeNull();
    expect(versionOn(versions, '2026-03-15')?.title).toBe('¥15');
    expect(versionOn(versions, '2026-03-16')?.title).toBe('¥18');
    expect(nextVersion(versions, '2026-03-10')?.effectiveFrom).toBe('2026-03-16');
    expect(nextVersion(versions, '2026-03-16')).toBeNull();
  });
  it('of two versions from the same day, the one published later wins', () => {
    const versions = versionsOf({
      title: 't',
      publishedAt: 'x',
      settings: {
        versions: [
          v('2026-03-16', 1900, '2026-03-12T00:00:00Z'),
          v('2026-03-16', 1800, '2026-03-10T00:00:00Z'),
        ],
      },
    });
    expect(versionOn(versions, '2026-03-20')?.title).toBe('¥19');
  });
  it('splits a month into the periods of each version', () => {
    const versions = [v('', 1200), v('2026-03-16', 1800), v('2026-04-05', 2000)];
    expect(
      periodsWithin(versions, '2026-03-01', '2026-03-31').map((p) => [p.from, p.version?.title]),
    ).toEqual([
      ['2026-03-01', '¥12'],
      ['2026-03-16', '¥18'],
    ]);
  });
  it('keeps every version on publishing, the top level being the rules in force that day', () => {
    const old = { title: '旧', publishedAt: '2025-12-01T00:00:00Z', settings: lunch(1200) };
    const settings = settingsWithVersion(old, v('2026-03-16', 1800), '2026-03-10');
    expect(settings.daily).toEqual(lunch(1200).daily);
    expect((settings.versions as RulesVersion[]).map((x) => x.effectiveFrom)).toEqual([
      '',
      '2026-03-16',
    ]);
    const later = settingsWithVersion(
      { title: 'x', publishedAt: 'y', settings },
      v('2026-03-20', 2000),
      '2026-03-20',
    );
    expect(later.daily).toEqual(lunch(2000).daily);
    expect(versionsOf({ title: 'x', publishedAt: 'y', settings: later })).toHaveLength(3);
  });
});
