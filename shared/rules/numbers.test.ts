import { describe, expect, it } from 'vitest';
import { normaliseNumber, readNumber } from './numbers';

describe('numbers as staff type them (shared/rules/numbers.ts)', () => {
  it('takes a decimal point, a decimal comma and the IME’s full stop alike', () => {
    expect(readNumber('36.6')).toBe(36.6);
    expect(readNumber('36,6')).toBe(36.6);
    expect(readNumber('36。6')).toBe(36.6);
    expect(readNumber(' 120 ')).toBe(120);
  });

  it('reads full-width digits and point, as a Chinese IME types them', () => {
    expect(readNumber('３６．６')).toBe(36.6);
    expect(normaliseNumber('１２０')).toBe('120');
  });

  it('says empty is no number, and refuses what is not one', () => {
    expect(readNumber('')).toBeUndefined();
    expect(readNumber('  ')).toBeUndefined();
    expect(readNumber(undefined)).toBeUndefined();
    for (const bad of ['abc', '36,6,1', '36.6.1', '1.2,3', '-5', '36,', ',5', '3 6'])
      expect(readNumber(bad), bad).toBeNaN();
  });

  it('refuses a comma before three digits rather than guess thousands or decimals', () => {
    expect(readNumber('1,200')).toBeNaN();
    expect(readNumber('1,20')).toBe(1.2);
  });

  it('passes a number through', () => {
    expect(readNumber(37.5)).toBe(37.5);
  });
});
