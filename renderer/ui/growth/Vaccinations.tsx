import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  VACCINE_DOSE_MONTHS,
  VACCINE_SCHEDULE_SOURCE,
  VACCINES,
  type DoseDue,
  type Vaccine,
} from '../../../shared/rules/growth/schedules';
import type { ChildHealthDoc, MemberDoc } from '../../../shared/schemas';
import { recordDoses } from '../../data/childHealth';
import { useDesk } from '../app/DeskContext';
import { careErrors } from '../kit/careErrors';
import { dayInput } from '../kit/dayInput';
import { InputField, Options, SelectField } from '../kit/Field';
import { NoticeLine } from '../kit/Notice';
import { PrintSheet } from '../kit/PrintSheet';
import { useNameOf } from '../kit/PersonName';
import { Table } from '../kit/Table';
import { TitledForm } from '../kit/TitledForm';

/**
 * The doses on the child's vaccination certificate, recorded one by one against the national
 * schedule (2021 edition), and the schedule's doses with their state; what is missing can be
 * printed for the vaccination clinic (入托入学查验, 补种).
 */
export function Vaccinations({
  member,
  doses,
  recorded,
}: {
  member: MemberDoc;
  doses: readonly DoseDue[];
  recorded: readonly ChildHealthDoc[];
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [vaccine, setVaccine] = useState<Vaccine>('HepB');
  const [dose, setDose] = useState(1);
  const [givenOn, setGivenOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [printing, setPrinting] = useState(false);
  const missing = doses.filter((d) => d.state === 'missing' || d.state === 'due');
  const givenOnOf = new Map(recorded.map((r) => [`${r.vaccine}/${r.dose}`, r.givenOn]));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    try {
      await recordDoses(desk, member.id, [{ vaccine, dose, givenOn }]);
      setErrors({});
      setGivenOn('');
      setSaved(true);
    } catch (e) {
      const byField = careErrors(t, e);
      setErrors({
        ...byField,
        ...(byField.dose0 ? { dose: byField.dose0 } : {}),
        ...(byField.givenOn0 ? { givenOn: byField.givenOn0 } : {}),
      });
    }
  }

  return (
    <section className="growth-vaccines" aria-labelledby="growth-vaccines-title">
      <div className="section-head">
        <h3 id="growth-vaccines-title">{t('growth.vaccinations')}</h3>
        <button type="button" disabled={!missing.length} onClick={() => setPrinting(true)}>
          {t('growth.printReferral')}
        </button>
      </div>
      <TitledForm
        titleId="growth-dose-title"
        title={t('growth.recordDose')}
        heading="h4"
        onSubmit={submit}
      >
        <div className="add-row">
          <SelectField
            id="growth-vaccine"
            label={t('growth.vaccine')}
            value={vaccine}
            onChange={(e) => {
              setVaccine(e.target.value as Vaccine);
              setDose(1);
            }}
          >
            <Options options={VACCINES} label={(v) => t(`growth.vaccine_${v}`)} />
          </SelectField>
          <SelectField
            id="growth-dose"
            label={t('growth.dose')}
            value={String(dose)}
            error={errors.dose}
            onChange={(e) => setDose(Number(e.target.value))}
          >
            <Options
              options={VACCINE_DOSE_MONTHS[vaccine].map((_, i) => String(i + 1))}
              label={(n) => t('growth.doseN', { n })}
            />
          </SelectField>
          <InputField
            id="growth-given-on"
            label={t('growth.givenOn')}
            error={errors.givenOn}
            {...dayInput(givenOn, setGivenOn, t('dates.day'))}
          />
          <button type="submit" className="primary">
            {t('growth.saveDose')}
          </button>
          {saved && (
            <span className="saved" role="status">
              {t('growth.doseSaved')}
            </span>
          )}
        </div>
        <NoticeLine tone="error" text={errors.form ?? errors.memberId} />
      </TitledForm>
      <DoseTable doses={doses} givenOnOf={givenOnOf} />
      <p className="hint">{VACCINE_SCHEDULE_SOURCE}</p>
      {printing && (
        <ReferralSheet member={member} missing={missing} onClose={() => setPrinting(false)} />
      )}
    </section>
  );
}

function DoseTable({
  doses,
  givenOnOf,
}: {
  doses: readonly DoseDue[];
  givenOnOf: Map<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <Table
      label={t('growth.doseSchedule')}
      columns={[t('growth.vaccine'), t('growth.dose'), t('growth.dueOn'), t('growth.state')]}
    >
      {doses.map((d) => (
        <tr key={`${d.vaccine}/${d.dose}`} className={`dose-${d.state}`}>
          <th scope="row">{t(`growth.vaccine_${d.vaccine}`)}</th>
          <td>{t('growth.doseN', { n: d.dose })}</td>
          <td>{d.dueOn}</td>
          <td>
            {d.state === 'done'
              ? t('growth.doseDone', { day: givenOnOf.get(`${d.vaccine}/${d.dose}`) ?? '' })
              : t(`growth.dose_${d.state}`)}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** For the vaccination clinic: the doses the certificate lacks (入托入学查验 / 补种). */
function ReferralSheet({
  member,
  missing,
  onClose,
}: {
  member: MemberDoc;
  missing: readonly DoseDue[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  return (
    <PrintSheet
      titleId="growth-referral-title"
      title={t('growth.referralTitle')}
      facts={[nameOf(member), `${t(`gender.${member.gender}`)} · ${member.birthDate}`]}
      onClose={onClose}
    >
      <p>{t('growth.referralText')}</p>
      <Table
        label={t('growth.referralTitle')}
        columns={[t('growth.vaccine'), t('growth.dose'), t('growth.dueOn'), t('growth.state')]}
      >
        {missing.map((d) => (
          <tr key={`${d.vaccine}/${d.dose}`}>
            <th scope="row">{t(`growth.vaccine_${d.vaccine}`)}</th>
            <td>{t('growth.doseN', { n: d.dose })}</td>
            <td>{d.dueOn}</td>
            <td>{t(`growth.dose_${d.state as 'due' | 'missing'}`)}</td>
          </tr>
        ))}
      </Table>
      <p className="hint">{VACCINE_SCHEDULE_SOURCE}</p>
    </PrintSheet>
  );
}
