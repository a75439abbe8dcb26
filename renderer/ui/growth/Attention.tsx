import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrowthStatus } from '../../../shared/rules/growth/evaluate';
import type { ChildHealthDoc, MemberDoc } from '../../../shared/schemas';
import { ATTENTION_REASONS, type AttentionReason } from '../../../shared/schemas/healthRecords';
import { localDay } from '../../../shared/time';
import { followUpAttention, putOnAttentionList } from '../../data/childHealth';
import { useDesk } from '../app/DeskContext';
import { careErrors } from '../kit/careErrors';
import { CheckGroup } from '../kit/Choices';
import { dayInput } from '../kit/dayInput';
import { FieldError, InputField } from '../kit/Field';
import { NoticeLine } from '../kit/Notice';
import { TitledForm } from '../kit/TitledForm';

/**
 * The child's place on the 体弱儿 list: the reasons (the growth statuses found are ticked),
 * the management plan and the next follow-up; once listed, each follow-up with its note, until
 * the child is taken off.
 */
export function Attention({
  member,
  open,
  suggested,
}: {
  member: MemberDoc;
  open: ChildHealthDoc | undefined;
  suggested: readonly GrowthStatus[];
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [reasons, setReasons] = useState<AttentionReason[]>(
    (open?.reasons as AttentionReason[] | undefined) ?? [...suggested],
  );
  const [plan, setPlan] = useState(open?.plan ?? '');
  const [followUpOn, setFollowUpOn] = useState(open?.followUpOn ?? '');
  const [note, setNote] = useState('');
  const [nextOn, setNextOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      await putOnAttentionList(desk, { memberId: member.id, reasons, plan, followUpOn });
      setErrors({});
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  async function follow(close: boolean) {
    if (!open) return;
    try {
      await followUpAttention(desk, open.id, { note, nextOn, close });
      setNote('');
      setNextOn('');
      setErrors({});
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  return (
    <section className="growth-attention" aria-labelledby="growth-attention-title">
      <h3 id="growth-attention-title">
        {open ? t('growth.onAttentionSince', { day: open.day }) : t('growth.attention')}
      </h3>
      {!open && suggested.length > 0 && (
        <p className="notice warn" role="status">
          {t('growth.suggestAttention')}
        </p>
      )}
      <TitledForm
        titleId="growth-attention-form"
        title={open ? t('growth.editAttention') : t('growth.putOnList')}
        heading="h4"
        onSubmit={save}
      >
        <CheckGroup
          legend={t('growth.reasons')}
          options={ATTENTION_REASONS}
          label={(r) => t(`growth.status_${r}`)}
          chosen={reasons}
          onChange={setReasons}
        >
          <FieldError id="growth-reasons" error={errors.reasons} />
        </CheckGroup>
        <div className="add-row">
          <InputField
            id="growth-plan"
            label={t('growth.plan')}
            error={errors.plan}
            value={plan}
            onChange={(e) => setPlan(e.target.value)}
          />
          <InputField
            id="growth-follow-up-on"
            label={t('growth.followUpOn')}
            error={errors.followUpOn}
            {...dayInput(followUpOn, setFollowUpOn, t('dates.day'))}
          />
          <button type="submit" className="primary">
            {open ? t('growth.saveAttention') : t('growth.putOnList')}
          </button>
        </div>
      </TitledForm>
      {open && (
        <div className="growth-follow-ups">
          <h4>{t('growth.followUps')}</h4>
          <ul>
            {(open.followUps ?? []).map((f) => (
              <li key={f.at}>
                {localDay(new Date(f.at))}：{f.note}
              </li>
            ))}
          </ul>
          <div className="add-row">
            <InputField
              id="growth-follow-note"
              label={t('growth.followUpNote')}
              error={errors.followUpNote}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <InputField
              id="growth-next-on"
              label={t('growth.nextOn')}
              error={errors.nextOn}
              {...dayInput(nextOn, setNextOn, t('dates.day'))}
            />
            <button type="button" onClick={() => void follow(false)}>
              {t('growth.addFollowUp')}
            </button>
            <button type="button" onClick={() => void follow(true)}>
              {t('growth.takeOff')}
            </button>
          </div>
        </div>
      )}
      <NoticeLine tone="error" text={errors.form ?? errors.memberId} />
    </section>
  );
}
