import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personState } from '../../../shared/rules/people';
import { localDay } from '../../../shared/time';
import { markLeft, markReturned, PersonStateRefused, ReasonRequired } from '../../data/members';
import type { VisibleMember } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { dayInput } from '../kit/dayInput';
import { saveErrorText } from '../kit/errors';
import { InputField } from '../kit/Field';
import type { NoticeText } from '../kit/Notice';
import { useNameOf } from '../kit/PersonName';

/**
 * 登记离开 (a day and why) for someone in care; 回来了，恢复服务 for someone who left. The record,
 * the card and the history stay either way.
 */
export function LeaveReturn({
  member,
  onDone,
}: {
  member: VisibleMember;
  onDone(message: NoticeText): void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const [day, setDay] = useState(localDay(new Date()));
  const [reason, setReason] = useState('');
  const state = personState(member);
  if (state !== 'active' && state !== 'left') return null;

  function problemText(e: unknown): string {
    if (e instanceof ReasonRequired) return t('people.leaveReasonRequired');
    if (e instanceof PersonStateRefused) return t(`people.stateRefused.${e.problem}`);
    return saveErrorText(t, e);
  }

  async function leave() {
    try {
      await markLeft(desk, member.id, { on: day, reason });
      onDone({ tone: 'ok', text: t('people.markedLeft', { name: nameOf(member) }) });
    } catch (e) {
      onDone({ tone: 'error', text: problemText(e) });
    }
  }

  async function comeBack() {
    try {
      await markReturned(desk, member.id, { on: day });
      onDone({ tone: 'ok', text: t('people.markedReturned', { name: nameOf(member) }) });
    } catch (e) {
      onDone({ tone: 'error', text: problemText(e) });
    }
  }

  const dayField = (
    <InputField
      id="leave-day"
      label={state === 'left' ? t('people.returnedOn') : t('people.leftOn')}
      inline
      {...dayInput(day, setDay, t('register.datePlaceholder'))}
    />
  );

  if (state === 'left')
    return (
      <div className="leave">
        <p className="warn" role="status">
          {t('people.hasLeft', { day: member.leftOn ?? '', reason: member.leftReason ?? '' })}
        </p>
        {dayField}
        <button type="button" className="primary" onClick={() => void comeBack()}>
          {t('people.markReturned')}
        </button>
      </div>
    );
  return (
    <details className="leave">
      <summary>{t('people.markLeft')}</summary>
      {dayField}
      <InputField
        id="leave-reason"
        label={t('people.leftReason')}
        inline
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="button" onClick={() => void leave()}>
        {t('people.markLeftNow')}
      </button>
    </details>
  );
}
