import { describe, expect, it } from 'vitest';
import { validateMemberInput, type MemberInput } from './member';

const today = new Date('2026-11-22T10:00:00');
const elder: MemberInput = {
  kind: 'elder',
  name: ' 王  秀英 ',
  gender: 'F',
  birthDate: '1949-12-31',
  idNumber: '11010519491231002x',
  phone: '138 0013 8000',
  note: '',
};

describe('validateMemberInput', () => {
  it('cleans a valid elder: trims the name, normalises ID and phone', () => {
    expect(validateMemberInput(elder, today)).toEqual({
      ok: true,
      value: {
        kind: 'elder',
        name: '王 秀英',
        gender: 'F',
        birthDate: '1949-12-31',
        idNumber: '11010519491231002X',
        phone: '13800138000',
      },
    });
  });

  it('names each field that is wrong', () => {
    const result = validateMemberInput(
      { ...elder, name: '', gender: '', phone: '12345', idNumber: '110105194912310021' },
      today,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'name', problem: 'required' },
        { field: 'gender', problem: 'required' },
        { field: 'idNumber', problem: 'idCard.checksum' },
        { field: 'phone', problem: 'phone' },
      ],
    });
  });

  it('refuses an ID number whose birth date or gender disagrees with the form', () => {
    expect(validateMemberInput({ ...elder, birthDate: '1950-01-01' }, today)).toMatchObject({
      ok: false,
      errors: [{ field: 'idNumber', problem: 'idCardBirthDateMismatch' }],
    });
    expect(validateMemberInput({ ...elder, gender: 'M' }, today)).toMatchObject({
      ok: false,
      errors: [{ field: 'idNumber', problem: 'idCardGenderMismatch' }],
    });
  });

  it('checks the age against the kind of member', () => {
    const child = { ...elder, kind: 'child' as const, idNumber: '', birthDate: '2015-05-01' };
    expect(validateMemberInput(child, today)).toMatchObject({
      errors: [{ field: 'birthDate', problem: 'childTooOld' }],
    });
    expect(
      validateMemberInput({ ...elder, idNumber: '', birthDate: '1990-01-01' }, today),
    ).toMatchObject({
      errors: [{ field: 'birthDate', problem: 'elderTooYoung' }],
    });
    expect(validateMemberInput({ ...child, birthDate: '2027-01-01' }, today)).toMatchObject({
      errors: [{ field: 'birthDate', problem: 'dateInFuture' }],
    });
  });
});
