import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthCheckKind } from '../../../shared/rules/checkIn';
import type { MemberDoc } from '../../../shared/schemas';
import { SYMPTOMS, type Symptom } from '../../../shared/schemas/absences';
import { CHECK_OBSERVATIONS, type CheckObservation } from '../../../shared/schemas/health';
import { recordHealthCheck } from '../../data/health';
import { useDesk } from '../app/DeskContext';
import { Dialog } from '../kit/Dialog';
import { useRules } from '../kit/hooks';
import { saveErrorText } from '../kit/errors';
import { Field, fieldAria } from '../kit/Field';
import { CheckList } from './CheckList';
import { Notice } from './Notice';

/** The morning check at arrival (晨检): temperature, what was seen and asked, medicine handed in. */
export function HealthCheckDialog({
  member,
  kind = 'morningCheck',
  onClose,
}: {
  member: MemberDoc;
  kind?: HealthCheckKind;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [temperature, setTemperature] = useState('');
  const [observations, setObservations] = useState<CheckObservation[]>([]);
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [medicine, setMedicine] = useState({ name: '', dose: '', time: '', handedInBy: '' });
  const [outcome, setOutcome] = useState<'admitted' | 'sentHome' | 'watch'>('admitted');
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);

  const problemWith = (field: string) => (problem?.field === field ? problem.text : null);
  const degrees = Number(temperature);
  const { feverFrom } = useRules();
  const fever = temperature !== '' && degrees >= feverFrom;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{2}(\.\d)?$/.test(temperature) || degrees < 34 || degrees > 43)
      return setProblem({ field: 'temperature', text: t('health.temperatureProblem') });
    const anyMedicine = Object.values(medicine).some((v) => v.trim());
    if (
      anyMedicine &&
      (!medicine.name.trim() || !medicine.dose.trim() || !medicine.handedInBy.trim())
    )
      return setProblem({ field: 'medicine', text: t('health.medicineProblem') });
    try {
      await recordHealthCheck(desk, {
        kind,
        memberId: member.id,
        temperature: degrees,
        observations,
        symptoms: fever && !symptoms.includes('fever') ? [...symptoms, 'fever'] : symptoms,
        outcome,
        ...(anyMedicine
          ? {
              medicine: {
                name: medicine.name.trim(),
                dose: medicine.dose.trim(),
                handedInBy: medicine.handedInBy.trim(),
                ...(medicine.time.trim() ? { time: medicine.time.trim() } : {}),
              },
            }
          : {}),
      });
      onClose();
    } catch (e) {
      setProblem({ field: 'form', text: saveErrorText(t, e) });
    }
  }

  return (
    <Dialog title={t(`health.${kind}For`, { name: member.name })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="health-check">
        <Field id="hc-temp" label={t('health.temperature')} error={problemWith('temperature')}>
          <input
            id="hc-temp"
            inputMode="decimal"
            value={temperature}
            autoFocus
            onChange={(e) => setTemperature(e.target.value.replace(/[^\d.]/g, ''))}
            {...fieldAria('hc-temp', problemWith('temperature'))}
          />
          {fever && <span className="badge warn">{t('health.fever')}</span>}
        </Field>
        <fieldset>
          <legend>{t('health.observations')}</legend>
          <CheckList
            options={CHECK_OBSERVATIONS}
            chosen={observations}
            onChange={setObservations}
            label={(o) => t(`observation.${o}`)}
          />
        </fieldset>
        <fieldset>
          <legend>{t('health.symptoms')}</legend>
          <CheckList
            options={SYMPTOMS}
            chosen={symptoms}
            onChange={setSymptoms}
            label={(s) => t(`symptom.${s}`)}
          />
        </fieldset>
        <fieldset>
          <legend>{t('health.medicine')}</legend>
          {(['name', 'dose', 'time', 'handedInBy'] as const).map((f) => (
            <Field id={`hc-med-${f}`} label={t(`health.medicine_${f}`)} inline key={f}>
              <input
                id={`hc-med-${f}`}
                value={medicine[f]}
                onChange={(e) => setMedicine((m) => ({ ...m, [f]: e.target.value }))}
              />
            </Field>
          ))}
          {problem?.field === 'medicine' && (
            <span className="field-error" role="alert">
              {problem.text}
            </span>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('health.outcome')}</legend>
          {(['admitted', 'watch', 'sentHome'] as const).map((o) => (
            <label key={o} className="check">
              <input
                type="radio"
                name="outcome"
                checked={outcome === o}
                onChange={() => setOutcome(o)}
              />
              {t(`health.outcome_${o}`)}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary big">
            {t('health.save')}
          </button>
        </div>
        {problem?.field === 'form' && <Notice notice={{ tone: 'error', text: problem.text }} />}
      </form>
    </Dialog>
  );
}
