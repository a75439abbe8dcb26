import { describe, expect, it } from 'vitest';
import { MEASUREMENT_FIELDS, checkMeasurement, typedMeasurement } from './care';

const NOW = new Date('2026-11-25T09:00:00+08:00');

describe('typedMeasurement', () => {
  it('reads each typed value of the kind as a number, an empty one as missing', () => {
    expect(
      typedMeasurement(
        'bloodPressure',
        { systolic: ' 138 ', diastolic: '86', pulse: '' },
        'fasting',
      ),
    ).toEqual({ kind: 'bloodPressure', systolic: 138, diastolic: 86, pulse: undefined });
    expect(typedMeasurement('bloodSugar', { sugar: '6.4', systolic: '120' }, 'afterMeal')).toEqual({
      kind: 'bloodSugar',
      sugar: 6.4,
      sugarTiming: 'afterMeal',
    });
    expect(typedMeasurement('heightWeight', { weightKg: '12.5' }, 'fasting')).toEqual({
      kind: 'heightWeight',
      heightCm: undefined,
      weightKg: 12.5,
    });
    // The decimal comma reads as the point (shared/rules/numbers.ts).
    expect(
      typedMeasurement('heightWeight', { heightCm: '98,5', weightKg: '12,5' }, 'fasting'),
    ).toEqual({ kind: 'heightWeight', heightCm: 98.5, weightKg: 12.5 });
    expect(typedMeasurement('bloodSugar', { sugar: '6,4' }, 'fasting')).toMatchObject({
      sugar: 6.4,
    });
  });

  it('leaves the judging to checkMeasurement: a missing value is named, a word is out of range', () => {
    const at = new Date('2026-11-25T08:30:00+08:00');
    const missing = typedMeasurement('bloodPressure', { systolic: '138' }, 'fasting');
    expect(checkMeasurement({ ...missing, at }, NOW).map((e) => e.field)).toEqual(['diastolic']);
    const word = typedMeasurement('bloodSugar', { sugar: 'high' }, 'fasting');
    expect(checkMeasurement({ ...word, at }, NOW).map((e) => e.field)).toEqual(['sugar']);
  });

  it('asks for the fields of each kind that it reads', () => {
    for (const kind of ['bloodPressure', 'bloodSugar', 'heightWeight'] as const) {
      const typed = Object.fromEntries(MEASUREMENT_FIELDS[kind].map((f) => [f, '1']));
      const input: Record<string, unknown> = { ...typedMeasurement(kind, typed, 'fasting') };
      for (const f of MEASUREMENT_FIELDS[kind]) expect(input[f]).toBe(1);
    }
  });
});
