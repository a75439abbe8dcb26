import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import { eraseMember } from '../../data/members';
import type { VisibleMember } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { InputField } from '../kit/Field';
import { NoticeLine, type NoticeText } from '../kit/Notice';
import { AssessmentPanel } from './AssessmentPanel';
import { MemberCard } from './MemberCard';
import { PersonConsents } from './PersonConsents';
import { PersonFacts } from './PersonFacts';
import { PersonName, useNameOf } from '../kit/PersonName';
import { CorrectionForm } from './CorrectionForm';
import { LeaveReturn } from './LeaveReturn';
import { PersonRecords } from '../paper/PersonRecords';

/** One person's record: the facts, the consents, a correction and leaving (reception), erasure (managers), the card. */
export function PersonRecord({ member, onClose }: { member: VisibleMember; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const role = desk.session?.staff.role;
  const [printing, setPrinting] = useState(false);
  const [message, setMessage] = useState<NoticeText | null>(null);

  return (
    <section className="panel person" aria-labelledby="person-title">
      <div className="section-head">
        <h2 id="person-title">
          <PersonName person={member} />
        </h2>
        <button type="button" onClick={() => setPrinting(true)}>
          {t('people.printCard')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <PersonFacts member={member} />
      {member.kind === 'elder' && can(role, 'viewHealth') && <AssessmentPanel member={member} />}
      {/* Visits, meals and checks, 补录 marked (issue 19 part 2). */}
      {can(role, 'checkIn') && <PersonRecords memberId={member.id} />}
      <PersonConsents member={member} onDone={setMessage} />
      {can(role, 'register') && (
        <>
          <LeaveReturn member={member} onDone={setMessage} />
          <details className="correct-open">
            <summary>{t('people.correctOpen')}</summary>
            {/* Keyed by the version: a correction saved elsewhere refills the form. */}
            <CorrectionForm key={member.updatedAt} member={member} onDone={setMessage} />
          </details>
        </>
      )}
      {can(role, 'correctRecords') && (
        <Erasure member={member} onErased={onClose} onProblem={setMessage} />
      )}
      {message && <NoticeLine notice={message} />}
      {printing && <MemberCard member={member} onClose={() => setPrinting(false)} />}
    </section>
  );
}

/** Erasure on request (PIPL): managers only, with a reason, after a confirmation. */
function Erasure({
  member,
  onErased,
  onProblem,
}: {
  member: VisibleMember;
  onErased(): void;
  onProblem(message: NoticeText): void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const [reason, setReason] = useState('');

  async function erase() {
    if (!reason.trim()) return onProblem({ tone: 'error', text: t('absence.reasonRequired') });
    if (!window.confirm(t('people.eraseConfirm', { name: nameOf(member) }))) return;
    await eraseMember(desk, member.id, reason);
    onErased();
  }

  return (
    <details className="erase">
      <summary>{t('people.erase')}</summary>
      <p className="hint">{t('people.eraseHelp')}</p>
      <InputField
        id="erase-reason"
        label={t('people.eraseReason')}
        inline
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="button" className="warn-button" onClick={() => void erase()}>
        {t('people.eraseNow')}
      </button>
    </details>
  );
}
