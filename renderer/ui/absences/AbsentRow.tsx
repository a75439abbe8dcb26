import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AbsenceDoc } from '../../../shared/schemas';
import {
  ABSENCE_REASONS,
  SYMPTOMS,
  type AbsenceReason,
  type Symptom,
} from '../../../shared/schemas/absences';
import { recordAbsence } from '../../data/absences';
import type { VisibleMember } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { CheckGroup } from '../kit/Choices';
import { FieldError, Options } from '../kit/Field';
import { CheckBox, LabelledInput } from '../../../shared/ui/LabelledInput';
import { PersonName, useNameOf } from '../kit/PersonName';
import { dayInput } from '../kit/dayInput';

/** A child expected but not in: the reason, and for an illness its onset and symptoms. */
export function AbsentRow({
  child,
  day,
  recorded,
}: {
  child: VisibleMember;
  day: string;
  recorded: AbsenceDoc | undefined;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const [reason, setReason] = useState<AbsenceReason | ''>('');
  const [onset, setOnset] = useState(day);
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [doctorSeen, setDoctorSeen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (recorded)
    return (
      <li className="absent recorded">
        <span className="name">
          <PersonName person={child} />
        </span>
        <span className="meta">{t(`absence.reason_${recorded.reason}`)}</span>
      </li>
    );

  async function save() {
    if (!reason) return setProblem(t('absence.reasonRequired'));
    if (reason === 'illness' && symptoms.length === 0)
      return setProblem(t('absence.symptomsRequired'));
    try {
      await recordAbsence(desk, {
        memberId: child.id,
        day,
        reason,
        ...(reason === 'illness' ? { illness: { onset, symptoms, doctorSeen } } : {}),
      });
    } catch (e) {
      setProblem(saveErrorText(t, e));
    }
  }

  const id = `absence-${child.id}`;
  return (
    <li className="absent">
      <span className="name">
        <PersonName person={child} />
      </span>
      <label htmlFor={`${id}-reason`} className="sr-only">
        {t('absence.reason')}
      </label>
      <select
        id={`${id}-reason`}
        value={reason}
        aria-label={t('absence.reasonFor', { name: nameOf(child) })}
        onChange={(e) => setReason(e.target.value as AbsenceReason)}
      >
        <Options
          options={ABSENCE_REASONS}
          label={(r) => t(`absence.reason_${r}`)}
          none={t('absence.reason')}
        />
      </select>
      {reason === 'illness' && (
        <fieldset className="illness">
          <LabelledInput
            label={t('absence.onset')}
            {...dayInput(onset, setOnset, t('register.datePlaceholder'))}
          />
          <CheckGroup
            options={SYMPTOMS}
            chosen={symptoms}
            onChange={setSymptoms}
            label={(s) => t(`symptom.${s}`)}
          />
          <CheckBox
            label={t('absence.doctorSeen')}
            checked={doctorSeen}
            onChange={(e) => setDoctorSeen(e.target.checked)}
          />
        </fieldset>
      )}
      <button type="button" className="primary" onClick={() => void save()}>
        {t('absence.save')}
      </button>
      <FieldError error={problem} />
    </li>
  );
}
