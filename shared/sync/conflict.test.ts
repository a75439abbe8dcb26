import { describe, expect, it } from 'vitest';
import { formatHlc } from '../hlc';
import { pickLastWriter, sameContent } from './conflict';

const at = (wallMs: number, node: string) => formatHlc({ wallMs, counter: 0, node });

describe('pickLastWriter', () => {
  it('keeps the later edit whichever side it is on', () => {
    const older = { id: 'm1', name: '张三', updatedAt: at(1000, 'deskA') };
    const newer = { id: 'm1', name: '张叁', updatedAt: at(2000, 'deskB') };
    expect(pickLastWriter(older, newer)).toEqual({ winner: newer, loser: older });
    expect(pickLastWriter(newer, older)).toEqual({ winner: newer, loser: older });
  });

  it('gives the same answer on every desk for an exact tie', () => {
    const a = { id: 'm1', name: 'A', updatedAt: at(1000, 'x') };
    const b = { id: 'm1', name: 'B', updatedAt: at(1000, 'x') };
    expect(pickLastWriter(a, b).winner).toBe(a);
  });
});

describe('sameContent', () => {
  it('ignores key order and undefined fields', () => {
    expect(sameContent({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1, d: undefined })).toBe(true);
    expect(sameContent({ a: 1 }, { a: 2 })).toBe(false);
  });
});
