import { describe, expect, it } from 'vitest';
import {
  PICKUP_OTHER,
  emptyPaperRow,
  inCareOn,
  readPaperRow,
  type PaperContext,
  type PaperRowEntry,
} from './paper';

const child = {
  kind: 'child' as const,
  pickupAdults: [{ id: 'mum', name: '王芳', relation: '母亲', phone: '13800000000' }],
};
const elder = { kind: 'elder' as const };

const ctx = (over: Partial<PaperContext> = {}): PaperContext => ({
  day: '2026-12-03',
  now: new Date('2026-12-05T09:00:00'),
  member: child,
  visits: [],
  mealType: 'lunch',
  mealServed: false,
  deliveryReserved: false,
  morningCheckDone: false,
  feverFrom: 37.3,
  ...over,
});
const row = (over: Partial<PaperRowEntry> = {}): PaperRowEntry => ({
  ...emptyPaperRow('m1'),
  ...over,
});
const codes = (r: ReturnType<typeof readPaperRow>) =>
  r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);

describe('a row of the paper emergency sheet (shared/rules/paper.ts)', () => {
  it('plans a child’s visit with the paper’s times, the adult who took them home, a meal and a morning check', () => {
    const r = readPaperRow(
      row({
        timeIn: '8:05',
        timeOut: '16:30',
        pickupAdultId: 'mum',
        meal: true,
        temperature: '36,6',
        checkOutcome: 'admitted',
      }),
      ctx(),
    );
    expect(r).toEqual({
      ok: true,
      plan: {
        visit: {
          checkInAt: new Date('2026-12-03T08:05:00').toISOString(),
          checkOutAt: new Date('2026-12-03T16:30:00').toISOString(),
          pickup: { adultId: 'mum', name: '王芳', relation: '母亲' },
        },
        meal: {
          mealType: 'lunch',
          servedAt: new Date('2026-12-03T08:05:00').toISOString(),
          mode: 'dineIn',
        },
        check: {
          at: new Date('2026-12-03T08:05:00').toISOString(),
          temperature: 36.6,
          outcome: 'admitted',
          fever: false,
        },
      },
    });
  });

  it('refuses a time out before the time in, a visit of a past day without its time out, and times in the future', () => {
    expect(
      codes(readPaperRow(row({ timeIn: '15:00', timeOut: '09:00' }), ctx({ member: elder }))),
    ).toEqual(['timeOut:outBeforeIn']);
    expect(codes(readPaperRow(row({ timeIn: '08:00' }), ctx({ member: elder })))).toEqual([
      'timeOut:timeOutMissing',
    ]);
    expect(
      codes(
        readPaperRow(
          row({ timeIn: '08:00', timeOut: '10:30' }),
          ctx({ day: '2026-12-05', member: elder }),
        ),
      ),
    ).toEqual(['timeOut:inFuture']);
    expect(codes(readPaperRow(row({ timeIn: '08:00' }), ctx({ day: '2026-12-06' })))).toEqual([
      'day:dayInFuture',
    ]);
  });

  it('keeps a visit of today open when only the time in is on the paper', () => {
    const r = readPaperRow(row({ timeIn: '07:45' }), ctx({ day: '2026-12-05', member: elder }));
    expect(r.ok && r.plan.visit).toEqual({
      checkInAt: new Date('2026-12-05T07:45:00').toISOString(),
    });
  });

  it('names unreadable times and a time out without a time in', () => {
    expect(
      codes(readPaperRow(row({ timeIn: '8:75', timeOut: '25:00' }), ctx({ member: elder }))),
    ).toEqual(['timeIn:timeUnreadable', 'timeOut:timeUnreadable']);
    expect(codes(readPaperRow(row({ timeOut: '11:00' }), ctx({ member: elder })))).toEqual([
      'timeIn:timeInMissing',
    ]);
  });

  it('refuses a visit overlapping one the person already has that day, and says its times', () => {
    const visits = [
      {
        checkInAt: new Date('2026-12-03T08:00:00').toISOString(),
        checkOutAt: new Date('2026-12-03T11:00:00').toISOString(),
      },
    ];
    const r = readPaperRow(
      row({ timeIn: '10:00', timeOut: '12:00' }),
      ctx({ member: elder, visits }),
    );
    expect(r.ok ? null : r.problems).toEqual([
      { field: 'timeIn', code: 'overlapsVisit', from: '08:00', to: '11:00' },
    ]);
    // Back to back is two visits, not an overlap; a cancelled visit is no visit.
    expect(
      readPaperRow(row({ timeIn: '11:00', timeOut: '12:00' }), ctx({ member: elder, visits })).ok,
    ).toBe(true);
    expect(
      readPaperRow(
        row({ timeIn: '09:00', timeOut: '10:00' }),
        ctx({ member: elder, visits: [{ ...visits[0]!, cancelled: true }] }),
      ).ok,
    ).toBe(true);
    // A visit still open runs on: nothing after its check-in fits.
    const open = [{ checkInAt: new Date('2026-12-03T08:00:00').toISOString() }];
    expect(
      codes(
        readPaperRow(
          row({ timeIn: '14:00', timeOut: '15:00' }),
          ctx({ member: elder, visits: open }),
        ),
      ),
    ).toEqual(['timeIn:overlapsVisit']);
  });

  it('lets a child go home only with an adult on their list', () => {
    expect(codes(readPaperRow(row({ timeIn: '08:00', timeOut: '16:00' }), ctx()))).toEqual([
      'pickup:pickupRequired',
    ]);
    expect(
      codes(
        readPaperRow(row({ timeIn: '08:00', timeOut: '16:00', pickupAdultId: 'stranger' }), ctx()),
      ),
    ).toEqual(['pickup:pickupNotOnList']);
  });

  it('lets a child go with someone not on the list only as a manager allowed it, and records who allowed it and why', () => {
    const other = (o: Partial<PaperRowEntry['pickupOther']>) =>
      row({
        timeIn: '08:00',
        timeOut: '16:00',
        pickupAdultId: PICKUP_OTHER,
        pickupOther: {
          name: '李强',
          relation: '舅舅',
          managerId: 'boss',
          reason: '母亲来电',
          ...o,
        },
      });
    const managers = ctx({ managerIds: ['boss'] });
    const ok = readPaperRow(other({}), managers);
    expect(ok.ok && ok.plan.visit?.pickup).toEqual({
      name: '李强',
      relation: '舅舅',
      override: { managerId: 'boss', reason: '母亲来电' },
    });
    expect(codes(readPaperRow(other({ reason: ' ' }), managers))).toEqual([
      'pickup:pickupOtherIncomplete',
    ]);
    expect(codes(readPaperRow(other({ managerId: '' }), managers))).toEqual([
      'pickup:pickupOtherIncomplete',
    ]);
    expect(codes(readPaperRow(other({ managerId: 'clerk' }), managers))).toEqual([
      'pickup:pickupNotManager',
    ]);
  });

  it('refuses a second meal of the type, a half-written delivery, and plans a reserved delivery as delivered', () => {
    expect(
      codes(readPaperRow(row({ meal: true }), ctx({ member: elder, mealServed: true }))),
    ).toEqual(['meal:mealAlreadyServed']);
    expect(
      codes(readPaperRow(row({ meal: true, deliveredBy: '李师傅' }), ctx({ member: elder }))),
    ).toEqual(['delivery:deliveryIncomplete']);
    const r = readPaperRow(
      row({ meal: true, deliveredBy: '李师傅', deliveredAt: '11:40' }),
      ctx({ member: elder, deliveryReserved: true }),
    );
    expect(r.ok && r.plan.meal).toEqual({
      mealType: 'lunch',
      servedAt: new Date('2026-12-03T11:40:00').toISOString(),
      mode: 'delivered',
      delivery: { by: '李师傅', at: new Date('2026-12-03T11:40:00').toISOString() },
    });
  });

  it('takes a morning check only for a child, once a day, readable, and never a fever admitted as normal', () => {
    const check = { timeIn: '08:00', timeOut: '11:00', pickupAdultId: 'mum' };
    expect(
      codes(
        readPaperRow(
          row({ ...check, temperature: '36.5', checkOutcome: 'admitted' }),
          ctx({ member: elder }),
        ),
      ),
    ).toEqual(['temperature:childrenOnly']);
    expect(
      codes(
        readPaperRow(
          row({ ...check, temperature: '36.5', checkOutcome: 'admitted' }),
          ctx({ morningCheckDone: true }),
        ),
      ),
    ).toEqual(['temperature:checkAlreadyRecorded']);
    expect(
      codes(readPaperRow(row({ ...check, temperature: '365', checkOutcome: '' }), ctx())),
    ).toEqual(['temperature:temperatureUnreadable', 'checkOutcome:outcomeMissing']);
    expect(
      codes(readPaperRow(row({ ...check, temperature: '38.2', checkOutcome: 'admitted' }), ctx())),
    ).toEqual(['checkOutcome:feverAdmitted']);
    const sent = readPaperRow(
      row({ ...check, temperature: '38.2', checkOutcome: 'sentHome' }),
      ctx(),
    );
    expect(sent.ok && sent.plan.check?.fever).toBe(true);
    expect(
      codes(readPaperRow(row({ temperature: '36.5', checkOutcome: 'admitted' }), ctx())),
    ).toEqual(['timeIn:checkNeedsTimeIn']);
  });

  it('refuses an empty row and a person no longer in care', () => {
    expect(codes(readPaperRow(row(), ctx()))).toEqual(['person:rowEmpty']);
    expect(
      codes(readPaperRow(row({ meal: true }), ctx({ member: { ...elder, status: 'left' } }))),
    ).toEqual(['person:notInCare']);
    expect(codes(readPaperRow(row({ meal: true }), ctx({ member: null })))).toEqual([
      'person:notInCare',
    ]);
  });

  it('takes a row of a day the person was in care: before they left, or after they came back', () => {
    const left = { ...elder, status: 'left' as const, leftOn: '2026-12-02' };
    expect(inCareOn(left, '2026-12-02')).toEqual({ ok: true });
    expect(inCareOn(left, '2026-12-03')).toEqual({
      ok: false,
      code: 'leftBefore',
      from: '2026-12-02',
    });
    const back = {
      ...elder,
      status: 'active' as const,
      leftOn: '2026-11-20',
      returnedOn: '2026-12-01',
    };
    expect(inCareOn(back, '2026-11-25')).toMatchObject({ ok: false, code: 'leftBefore' });
    expect(inCareOn(back, '2026-12-03')).toEqual({ ok: true });
    expect(inCareOn({ ...elder, status: 'merged' }, '2026-12-03')).toEqual({
      ok: false,
      code: 'notInCare',
    });
    const r = readPaperRow(row({ meal: true }), ctx({ member: left }));
    expect(r.ok ? [] : r.problems).toEqual([
      { field: 'person', code: 'leftBefore', from: '2026-12-02' },
    ]);
    // A row of the day before they left is taken.
    expect(readPaperRow(row({ meal: true }), ctx({ member: left, day: '2026-12-01' })).ok).toBe(
      true,
    );
  });

  it('refuses a row overlapping a live visit still open (the person is in the building now)', () => {
    const open = [{ checkInAt: new Date('2026-12-05T08:00:00').toISOString() }];
    expect(
      codes(
        readPaperRow(
          row({ timeIn: '08:30' }),
          ctx({ day: '2026-12-05', member: elder, visits: open }),
        ),
      ),
    ).toEqual(['timeIn:overlapsVisit']);
    // Earlier that morning, before the live check-in: a separate visit.
    expect(
      readPaperRow(
        row({ timeIn: '06:30', timeOut: '07:30' }),
        ctx({ day: '2026-12-05', member: elder, visits: open }),
      ).ok,
    ).toBe(true);
  });
});
