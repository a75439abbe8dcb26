import { describe, expect, it } from 'vitest';
import type { ConsentDoc } from '../schemas';
import {
  consentProblems,
  consentStatus,
  needsGuardian,
  districtScopes,
  scopesInForce,
  sharesWithDistrict,
  withdrawnWith,
  type ConsentInput,
} from './consent';

const DAY = '2026-03-10';
const base = { centreId: 'c1', createdAt: '2026-01-01T00:00:00Z', updatedAt: 'x', updatedBy: 'd' };
const consent = (over: Partial<ConsentDoc> = {}): ConsentDoc => ({
  ...base,
  id: 'k1',
  memberId: 'm1',
  givenBy: '王秀英',
  relation: '本人',
  scopes: ['districtSharing'],
  givenOn: '2026-01-05',
  ...over,
});
const elder = { kind: 'elder' as const, birthDate: '1949-12-31' };
const child = { kind: 'child' as const, birthDate: '2024-03-01' };
const given = (scopes: ConsentInput['scopes'], by = '王秀英', relation = '本人'): ConsentInput => ({
  givenBy: by,
  relation,
  scopes,
});

describe('consentProblems', () => {
  it('takes an elder with no consent and nothing that needs one', () => {
    expect(consentProblems(elder, null, DAY)).toEqual([]);
    expect(consentProblems(elder, given([]), DAY)).toEqual([]);
  });

  it('refuses an ID number, health data or a pick-up photo without the consent that covers each, on its own field', () => {
    const data = {
      ...child,
      idNumber: '110101202403010011',
      healthNotes: '哮喘',
      chronicConditions: ['哮喘'],
      pickupAdults: [{}, { photo: 'data:image/jpeg;base64,AAAA' }],
    };
    expect(consentProblems(data, given(['childData'], '李建国', '父亲'), DAY)).toEqual([
      { field: 'idNumber', problem: 'consentForIdNumber' },
      { field: 'healthNotes', problem: 'consentForHealth' },
      { field: 'chronicConditions', problem: 'consentForHealth' },
      { field: 'pickupAdults.1.photo', problem: 'consentForPhoto' },
    ]);
    const all = given(['childData', 'idNumber', 'health', 'photo'], '李建国', '父亲');
    expect(consentProblems(data, all, DAY)).toEqual([]);
    // One purpose does not cover another.
    expect(
      consentProblems({ ...elder, idNumber: '110101194912310021' }, given(['health']), DAY),
    ).toEqual([{ field: 'idNumber', problem: 'consentForIdNumber' }]);
  });

  it("registers a child only with a guardian's consent to the child's data", () => {
    expect(consentProblems(child, null, DAY)).toEqual([
      { field: 'consent.childData', problem: 'childDataConsent' },
    ]);
    expect(consentProblems(child, given(['childData'], '李小满', '本人'), DAY)).toEqual([
      { field: 'consentRelation', problem: 'guardianConsent' },
    ]);
    expect(consentProblems(child, given(['childData'], '李建国', '父亲'), DAY)).toEqual([]);
  });

  it('asks who consented, and how they are related, once any purpose is consented to', () => {
    expect(consentProblems(elder, given(['districtSharing'], ' ', ''), DAY)).toEqual([
      { field: 'consentBy', problem: 'required' },
      { field: 'consentRelation', problem: 'required' },
    ]);
  });

  it('needs a guardian under 14, counted in whole years', () => {
    expect(needsGuardian('2012-03-11', '2026-03-10')).toBe(true);
    expect(needsGuardian('2012-03-10', '2026-03-10')).toBe(false);
    expect(needsGuardian('1949-12-31', DAY)).toBe(false);
  });
});

describe('sharesWithDistrict', () => {
  it('shares only with a districtSharing consent neither withdrawn nor expired', () => {
    expect(sharesWithDistrict([], DAY)).toBe(false);
    expect(sharesWithDistrict([consent({ scopes: ['health'] })], DAY)).toBe(false);
    expect(sharesWithDistrict([consent()], DAY)).toBe(true);
    expect(sharesWithDistrict([consent({ withdrawnOn: '2026-03-10' })], DAY)).toBe(false);
    expect(sharesWithDistrict([consent({ expiresOn: '2026-03-09' })], DAY)).toBe(false);
    expect(sharesWithDistrict([consent({ expiresOn: '2026-03-10' })], DAY)).toBe(true);
  });

  it('takes a consent given, or withdrawn, on a desk whose calendar is a day ahead', () => {
    expect(sharesWithDistrict([consent({ givenOn: '2026-03-11' })], DAY)).toBe(true);
    expect(sharesWithDistrict([consent({ withdrawnOn: '2026-03-11' })], DAY)).toBe(false);
  });

  it('gives the district the purposes that stand, only with sharing among them', () => {
    const idOnly = consent({ id: 'k3', scopes: ['idNumber'] });
    expect([...districtScopes([idOnly], DAY)]).toEqual([]);
    expect([...districtScopes([idOnly, consent()], DAY)].sort()).toEqual([
      'districtSharing',
      'idNumber',
    ]);
    const withdrawn = consent({ id: 'k4', scopes: ['health'], withdrawnOn: '2026-03-09' });
    expect(districtScopes([withdrawn, consent()], DAY).has('health')).toBe(false);
  });

  it('keeps sharing while another districtSharing consent is still in force', () => {
    const renewed = [consent({ withdrawnOn: '2026-02-01' }), consent({ id: 'k2' })];
    expect(sharesWithDistrict(renewed, DAY)).toBe(true);
  });
});

describe('scopesInForce and withdrawnWith', () => {
  it('collects the purposes of the consents in force, one record each', () => {
    const records = [
      consent({ id: 'a', scopes: ['idNumber'] }),
      consent({ id: 'b', scopes: ['health'], withdrawnOn: '2026-03-01' }),
      consent({ id: 'c', scopes: ['districtSharing'], givenOn: '2026-04-01' }),
    ];
    expect([...scopesInForce(records, DAY)]).toEqual(['idNumber']);
  });

  it("ends all of a child's purposes with the consent to the child's data, and one otherwise", () => {
    expect(withdrawnWith('childData')).toEqual([
      'childData',
      'idNumber',
      'health',
      'photo',
      'districtSharing',
    ]);
    expect(withdrawnWith('health')).toEqual(['health']);
  });
});

describe('consentStatus', () => {
  it('says whether a purpose is consented to, withdrawn, expired or never asked', () => {
    const records = [
      consent({ id: 'a', scopes: ['idNumber'], withdrawnOn: '2026-03-01' }),
      consent({ id: 'b', scopes: ['health'], expiresOn: '2026-02-01' }),
      consent({ id: 'c', scopes: ['districtSharing'] }),
    ];
    expect(consentStatus(records, 'districtSharing', DAY)).toEqual({
      state: 'given',
      consent: records[2],
    });
    expect(consentStatus(records, 'idNumber', DAY)).toEqual({
      state: 'withdrawn',
      consent: records[0],
    });
    expect(consentStatus(records, 'health', DAY)).toEqual({
      state: 'expired',
      consent: records[1],
    });
    expect(consentStatus(records, 'photo', DAY)).toEqual({ state: 'none' });
  });
});
