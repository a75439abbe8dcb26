import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localTime } from '../../../shared/time';
import { readTime } from '../../../shared/rules/dates';
import { timeInput } from '../kit/dayInput';
import { correctVisit } from '../../data/attendance';
import type { PresentRow } from '../../data/presence';
import { useDesk } from '../app/DeskContext';
import { Dialog } from '../kit/Dialog';
import { saveErrorText } from '../kit/errors';
import { InputField } from '../kit/Field';
import { RadioGroup } from '../kit/Choices';
import { NoticeLine } from '../kit/Notice';
import { Actions } from '../kit/Actions';
import { useNameOf } from '../kit/PersonName';

/** A manager corrects a visit: the check-in time, or a visit opened by mistake. Kept with who and why. */
export function CorrectVisitDialog({ row, onClose }: { row: PresentRow; onClose(): void }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const [what, setWhat] = useState<'checkInAt' | 'cancelled'>('checkInAt');
  const [time, setTime] = useState(localTime(row.visit.checkInAt));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setProblem(t('correct.reasonRequired'));
    const typed = readTime(time);
    if (what === 'checkInAt' && !typed) return setProblem(t('correct.timeFormat'));
    try {
      await correctVisit(
        desk,
        row.visit.id,
        what === 'cancelled'
          ? { field: 'cancelled' }
          : { field: 'checkInAt', to: new Date(`${row.visit.day}T${typed}:00`) },
        reason,
      );
      onClose();
    } catch (e) {
      setProblem(saveErrorText(t, e));
    }
  }

  return (
    <Dialog
      title={t('correct.title', { name: nameOf({ id: row.visit.memberId, name: row.name }) })}
      onClose={onClose}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <RadioGroup
          legend={t('correct.what')}
          options={['checkInAt', 'cancelled'] as const}
          value={what}
          onChange={setWhat}
          label={(w) => t(`correct.${w}`)}
        />
        {what === 'checkInAt' && (
          <InputField
            id="correct-time"
            label={t('correct.time')}
            inline
            {...timeInput(time, setTime, t('dates.time'))}
          />
        )}
        <InputField
          id="correct-reason"
          label={t('correct.reason')}
          inline
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <NoticeLine tone="error" text={problem} />
        <Actions main={t('correct.save')} />
      </form>
    </Dialog>
  );
}
