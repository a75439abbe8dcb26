import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isFever,
  readHealthCheck,
  type HealthCheckEntry,
  type HealthCheckKind,
} from '../../../shared/rules/checkIn';
import type { HealthDoc, MemberDoc } from '../../../shared/schemas';
import { SYMPTOMS, type Symptom } from '../../../shared/schemas/absences';
import { CHECK_OBSERVATIONS, type CheckObservation } from '../../../shared/schemas/health';
import { checkConcerns } from '../../../shared/rules/alerts';
import { readNumber } from '../../../shared/rules/numbers';
import { HealthCheckRefused, recordHealthCheck } from '../../data/health';
import { useDesk } from '../app/DeskContext';
import { Dialog } from '../kit/Dialog';
import { useRules } from '../kit/hooks';
import { saveErrorText } from '../kit/errors';
import { Field, fieldAria, FieldError, InputField } from '../kit/Field';
import { CheckGroup, RadioGroup } from '../kit/Choices';
import { NoticeLine } from '../kit/Notice';
import { Actions } from '../kit/Actions';
import { useNameOf } from '../kit/PersonName';

type Medicine = HealthCheckEntry['medicine'];
type Outcome = NonNullable<HealthDoc['outcome']>;
/** What follows the check: admitted, admitted and watched, or sent home. */
const OUTCOMES: readonly Outcome[] = ['admitted', 'watch', 'sentHome'];
const NO_MEDICINE: Medicine = { name: '', dose: '', time: '', handedInBy: '' };

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
  const { feverFrom } = useRules();
  const nameOf = useNameOf();
  const [temperature, setTemperature] = useState('');
  const [observations, setObservations] = useState<CheckObservation[]>([]);
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [medicine, setMedicine] = useState<Medicine>(NO_MEDICINE);
  const [outcome, setOutcome] = useState<Outcome>('admitted');
  const [overrideReason, setOverrideReason] = useState('');
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);
  const problemWith = (field: string) => (problem?.field === field ? problem.text : null);
  // A fever, a symptom or anything observed: 正常入班 then needs the health worker's reason.
  const degrees = readNumber(temperature);
  const found =
    checkConcerns(
      { ...(degrees !== undefined ? { temperature: degrees } : {}), symptoms, observations },
      feverFrom,
    ).length > 0;
  const asksReason = found && outcome === 'admitted';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const read = readHealthCheck({ temperature, symptoms, medicine }, feverFrom);
    if (!read.ok)
      return setProblem({
        field: read.field,
        text: t(
          read.field === 'temperature' ? 'health.temperatureProblem' : 'health.medicineProblem',
        ),
      });
    try {
      await recordHealthCheck(desk, {
        kind,
        memberId: member.id,
        temperature: read.temperature,
        observations,
        symptoms: read.symptoms,
        outcome,
        ...(asksReason ? { overrideReason } : {}),
        ...(read.medicine ? { medicine: read.medicine } : {}),
      });
      onClose();
    } catch (e) {
      if (e instanceof HealthCheckRefused)
        return setProblem({ field: 'overrideReason', text: t(`health.${e.problem}`) });
      setProblem({ field: 'form', text: saveErrorText(t, e) });
    }
  }

  return (
    <Dialog title={t(`health.${kind}For`, { name: nameOf(member) })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="health-check">
        <Field id="hc-temp" label={t('health.temperature')} error={problemWith('temperature')}>
          <input
            id="hc-temp"
            inputMode="decimal"
            value={temperature}
            autoFocus
            onChange={(e) => setTemperature(e.target.value)}
            {...fieldAria('hc-temp', problemWith('temperature'))}
          />
          {isFever(temperature, feverFrom) && (
            <span className="badge warn">{t('health.fever')}</span>
          )}
        </Field>
        <CheckGroup
          legend={t('health.observations')}
          options={CHECK_OBSERVATIONS}
          chosen={observations}
          onChange={setObservations}
          label={(o) => t(`observation.${o}`)}
        />
        <CheckGroup
          legend={t('health.symptoms')}
          options={SYMPTOMS}
          chosen={symptoms}
          onChange={setSymptoms}
          label={(s) => t(`symptom.${s}`)}
        />
        <MedicineFields
          medicine={medicine}
          onChange={setMedicine}
          problem={problemWith('medicine')}
        />
        <RadioGroup
          legend={t('health.outcome')}
          options={OUTCOMES}
          value={outcome}
          onChange={setOutcome}
          label={(o) => t(`health.outcome_${o}`)}
        />
        {found && (
          <p className="notice warn" role="status">
            {t('health.foundSomething')}
          </p>
        )}
        {asksReason && (
          <Field
            id="hc-override"
            label={t('health.overrideReason')}
            error={problemWith('overrideReason')}
          >
            <input
              id="hc-override"
              value={overrideReason}
              maxLength={200}
              onChange={(e) => setOverrideReason(e.target.value)}
              {...fieldAria('hc-override', problemWith('overrideReason'))}
            />
          </Field>
        )}
        <Actions main={t('health.save')} />
        <NoticeLine tone="error" text={problem?.field === 'form' && problem.text} />
      </form>
    </Dialog>
  );
}

/** Medicine handed in with the child: what, how much, when, by whom. */
function MedicineFields({
  medicine,
  onChange,
  problem,
}: {
  medicine: Medicine;
  onChange(medicine: Medicine): void;
  problem: string | null;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('health.medicine')}</legend>
      {(['name', 'dose', 'time', 'handedInBy'] as const).map((f) => (
        <InputField
          id={`hc-med-${f}`}
          label={t(`health.medicine_${f}`)}
          inline
          key={f}
          value={medicine[f]}
          onChange={(e) => onChange({ ...medicine, [f]: e.target.value })}
        />
      ))}
      <FieldError error={problem} />
    </fieldset>
  );
}
