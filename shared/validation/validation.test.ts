import { describe, expect, it } from 'vitest';
import { checkIdCard, idCardCheckChar } from './idcard';
import { normalizeMobile } from './phone';

const today = new Date('2026-11-22T00:00:00Z');

describe('checkIdCard', () => {
  it('accepts a valid number and reads birth date and gender from it', () => {
    // 11010519491231002X is the well-known specimen from GB 11643-1999.
    expect(checkIdCard('11010519491231002x', today)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'F',
    });
  });

  it('computes the check character by ISO 7064 MOD 11-2', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    // Weighted sums worked by hand: 137 mod 11 = 5 -> '7'; 154 mod 11 = 0 -> '1'.
    expect(idCardCheckChar('44030820100101001')).toBe('7');
    expect(idCardCheckChar('11010119900307001')).toBe('1');
  });

  it('names the problem with a wrong number', () => {
    expect(checkIdCard('110105194912310021', today)).toEqual({ ok: false, problem: 'checksum' });
    expect(checkIdCard('1101051949123100', today)).toEqual({ ok: false, problem: 'length' });
    expect(checkIdCard('11010519491231A02X', today)).toEqual({ ok: false, problem: 'characters' });
    expect(checkIdCard('110105194902300021', today)).toEqual({ ok: false, problem: 'birthDate' });
    expect(checkIdCard('110105203001010021', today)).toEqual({ ok: false, problem: 'birthDate' });
  });
});

describe('normalizeMobile', () => {
  it('accepts common ways of writing a mobile number', () => {
    expect(normalizeMobile('138 0013 8000')).toBe('13800138000');
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000');
  });
  it('refuses landlines and short numbers', () => {
    expect(normalizeMobile('010-12345678')).toBeNull();
    expect(normalizeMobile('1380013800')).toBeNull();
    expect(normalizeMobile('12800138000')).toBeNull();
  });
});
