import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readNumber } from '../../../shared/rules/numbers';
import { CHECK_MONTHS } from '../../../shared/rules/growth/schedules';
import type { MemberDoc } from '../../../shared/schemas';
import { localDay } from '../../../shared/time';
import { recordCheck } from '../../data/childHealth';
import { useDesk } from '../app/DeskContext';
import { careErrors } from '../kit/careErrors';
import { dayInput } from '../kit/dayInput';
import { InputField, Options, SelectField } from '../kit/Field';
import { NoticeLine } from '../kit/Notice';
import { TitledForm } from '../kit/TitledForm';

const FIELDS = ['heightCm', 'weightKg', 'headCm', 'haemoglobin'] as const;

/**
 * Records a health check of the national schedule (its month), what it measured and found. The
 * month offered first is the check due now.
 */
export function CheckForm({ member, dueMonth }: { member: MemberDoc; dueMonth?: number }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [month, setMonth] = useState<number>(dueMonth ?? CHECK_MONTHS[0]);
  // The check asked for next (after a save, the next one): the form offers it, and keeps saying
  // the last one was saved.
  useEffect(() => {
    if (dueMonth !== undefined) setMonth(dueMonth);
  }, [dueMonth]);
  const [day, setDay] = useState(localDay(new Date()));
  const [values, setValues] = useState<Record<string, string>>({});
  const [findings, setFindings] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    try {
      await recordCheck(desk, {
        memberId: member.id,
        checkMonth: month,
        day,
        heightCm: readNumber(values.heightCm),
        weightKg: readNumber(values.weightKg),
        headCm: readNumber(values.headCm),
        haemoglobin: readNumber(values.haemoglobin),
        findings,
      });
      setErrors({});
      setValues({});
      setFindings('');
      setSaved(true);
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  return (
    <TitledForm
      titleId="growth-check-title"
      title={t('growth.recordCheck')}
      heading="h3"
      className="growth-check"
      onSubmit={submit}
    >
      <div className="add-row">
        <SelectField
          id="growth-check-month"
          label={t('growth.checkMonth')}
          value={String(month)}
          error={errors.checkMonth}
          onChange={(e) => setMonth(Number(e.target.value))}
        >
          <Options
            options={CHECK_MONTHS.map(String)}
            label={(m) => t('growth.checkAt', { month: m })}
          />
        </SelectField>
        <InputField
          id="growth-check-day"
          label={t('growth.checkDay')}
          error={errors.day}
          {...dayInput(day, setDay, t('dates.day'))}
        />
        {FIELDS.map((f) => (
          <InputField
            key={f}
            id={`growth-${f}`}
            label={t(`growth.${f}`)}
            error={errors[f]}
            inputMode="decimal"
            className="number"
            value={values[f] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
          />
        ))}
      </div>
      <div className="add-row">
        <InputField
          id="growth-findings"
          label={t('growth.findings')}
          error={errors.findings}
          value={findings}
          onChange={(e) => setFindings(e.target.value)}
        />
        <button type="submit" className="primary big">
          {t('growth.saveCheck')}
        </button>
        {saved && (
          <span className="saved" role="status">
            {t('growth.checkSaved')}
          </span>
        )}
      </div>
      <NoticeLine tone="error" text={errors.form ?? errors.memberId} />
    </TitledForm>
  );
}
