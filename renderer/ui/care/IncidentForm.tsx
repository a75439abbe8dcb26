import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberDoc } from '../../../shared/schemas';
import { INCIDENT_KINDS, type IncidentKind } from '../../../shared/schemas/care';
import { recordIncident } from '../../data/care';
import { useDesk } from '../app/DeskContext';
import { Field, fieldAria, InputField, Options, SelectField } from '../kit/Field';
import { dateTimeInput } from '../../../shared/time';
import { readDateTime, showDateTime } from '../../../shared/rules/dates';
import { dateTimeBox } from '../kit/dayInput';
import { NoticeLine } from '../kit/Notice';
import { careErrors } from '../kit/careErrors';

/** Records an incident (a fall, choking…): its kind and time, what happened, what was done. */
export function IncidentForm({ member }: { member: MemberDoc }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [kind, setKind] = useState<IncidentKind>('fall');
  const [at, setAt] = useState(showDateTime(dateTimeInput(new Date())));
  const [happened, setHappened] = useState('');
  const [actionTaken, setActionTaken] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await recordIncident(desk, {
        memberId: member.id,
        incidentKind: kind,
        at: new Date(readDateTime(at) ?? Number.NaN),
        happened,
        actionTaken,
      });
      setErrors({});
      setHappened('');
      setActionTaken('');
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  return (
    <details className="record-incident">
      <summary>{t('care.recordIncident')}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="add-row">
          <SelectField
            id="incident-kind"
            label={t('care.incidentKind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as IncidentKind)}
          >
            <Options options={INCIDENT_KINDS} label={(k) => t(`care.incident_${k}`)} />
          </SelectField>
          <InputField
            id="incident-at"
            label={t('care.incidentAt')}
            error={errors.at}
            {...dateTimeBox(at, setAt, t('dates.dateTime'))}
          />
        </div>
        {(
          [
            ['happened', 'incident-happened', happened, setHappened],
            ['actionTaken', 'incident-action', actionTaken, setActionTaken],
          ] as const
        ).map(([field, id, value, set]) => (
          <Field key={field} id={id} label={t(`care.${field}`)} error={errors[field]}>
            <textarea
              id={id}
              rows={2}
              value={value}
              onChange={(e) => set(e.target.value)}
              {...fieldAria(id, errors[field])}
            />
          </Field>
        ))}
        <button type="submit" className="primary">
          {t('care.saveIncident')}
        </button>
        <NoticeLine tone="error" text={errors.form ?? errors.memberId} />
      </form>
    </details>
  );
}
