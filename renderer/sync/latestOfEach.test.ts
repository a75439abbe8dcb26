import { describe, expect, it } from 'vitest';
import { latestOfEach } from './replication';

describe('latestOfEach', () => {
  it('keeps each document once, in its state from the last answer, where that answer put it', () => {
    const visit = { id: 'v1', _deleted: false, status: 'in' };
    const out = [
      visit,
      { id: 'v0', _deleted: false },
      { id: 'v2', _deleted: false },
      { ...visit, status: 'out' },
    ];
    expect(latestOfEach(out)).toEqual([
      { id: 'v0', _deleted: false },
      { id: 'v2', _deleted: false },
      { id: 'v1', _deleted: false, status: 'out' },
    ]);
    expect(latestOfEach([])).toEqual([]);
  });
});
