import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberDoc } from '../../../shared/schemas';
import {
  SUGAR_TIMINGS,
  type MeasurementKind,
  type SugarTiming,
} from '../../../shared/schemas/care';
import { MEASUREMENT_FIELDS, typedMeasurement } from '../../../shared/validation/care';
import { recordMeasurement } from '../../data/care';
import { useDesk } from '../app/DeskContext';
import { RadioGroup } from '../kit/Choices';
import { InputField, Options, SelectField } from '../kit/Field';
import { dateTimeInput } from '../../../shared/time';
import { readDateTime, showDateTime } from '../../../shared/rules/dates';
import { dateTimeBox } from '../kit/dayInput';
import { NoticeLine } from '../kit/Notice';
import { careErrors } from '../kit/careErrors';
import { TitledForm } from '../kit/TitledForm';

/**
 * Records a measurement of the kinds a person takes (an elder's blood pressure or sugar, a child's
 * height and weight); a value out of range is named beside its field and nothing is saved.
 */
export function MeasureForm({ member, kinds }: { member: MemberDoc; kinds: MeasurementKind[] }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [kind, setKind] = useState<MeasurementKind>(kinds[0]!);
  const [values, setValues] = useState<Record<string, string>>({});
  const [timing, setTiming] = useState<SugarTiming>('fasting');
  const [at, setAt] = useState(showDateTime(dateTimeInput(new Date())));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    try {
      await recordMeasurement(desk, {
        memberId: member.id,
        at: new Date(readDateTime(at) ?? Number.NaN),
        ...typedMeasurement(kind, values, timing),
      });
      setErrors({});
      setValues({});
      setAt(showDateTime(dateTimeInput(new Date())));
      setSaved(true);
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  return (
    <TitledForm
      titleId="measure-title"
      title={t('care.measure')}
      heading="h3"
      className="measure"
      onSubmit={submit}
    >
      {kinds.length > 1 && (
        <RadioGroup
          look="big"
          groupLabel={t('care.measure')}
          name="measure-kind"
          options={kinds}
          value={kind}
          label={(k) => t(`care.kind_${k}`)}
          onChange={(k) => {
            setKind(k);
            setErrors({});
          }}
        />
      )}
      <div className="add-row">
        {MEASUREMENT_FIELDS[kind].map((f) => (
          <InputField
            key={f}
            id={`measure-${f}`}
            label={t(`care.${f}`)}
            error={errors[f]}
            inputMode="decimal"
            className="number"
            value={values[f] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
          />
        ))}
        {kind === 'bloodSugar' && (
          <SelectField
            id="measure-timing"
            label={t('care.sugarTiming')}
            value={timing}
            onChange={(e) => setTiming(e.target.value as SugarTiming)}
          >
            <Options options={SUGAR_TIMINGS} label={(s) => t(`care.timing_${s}`)} />
          </SelectField>
        )}
        <InputField
          id="measure-at"
          label={t('care.at')}
          error={errors.at}
          {...dateTimeBox(at, setAt, t('dates.dateTime'))}
        />
        <button type="submit" className="primary big">
          {t('care.saveMeasurement')}
        </button>
        {saved && (
          <span className="saved" role="status">
            {t('care.measurementSaved')}
          </span>
        )}
      </div>
      <NoticeLine tone="error" text={errors.form ?? errors.memberId} />
    </TitledForm>
  );
}
