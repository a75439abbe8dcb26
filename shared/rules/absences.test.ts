import { describe, expect, it } from 'vitest';
import { arrivedIds, illnessFollowUps } from './absences';

describe('who came (shared/rules/absences.ts)', () => {
  it('counts a visit, but not one cancelled as opened by mistake', () => {
    const came = arrivedIds([
      { memberId: 'a' },
      { memberId: 'b', cancelled: true },
      { memberId: 'c', cancelled: false },
    ]);
    expect([...came].sort()).toEqual(['a', 'c']);
  });
});

describe('illness follow-ups', () => {
  it('keeps illness absences until the child is back, the oldest first', () => {
    const followed = illnessFollowUps([
      { id: 'late', reason: 'illness', day: '2026-11-23' },
      { id: 'family', reason: 'family', day: '2026-11-20' },
      { id: 'back', reason: 'illness', day: '2026-11-19', returnedOn: '2026-11-21' },
      { id: 'early', reason: 'illness', day: '2026-11-18' },
    ] as const);
    expect(followed.map((a) => a.id)).toEqual(['early', 'late']);
  });
});
