import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import { splitList } from '../../../shared/validation/details';
import { correctMember, eraseMember } from '../../data/members';
import type { VisibleMember } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { InputField } from '../kit/Field';
import { enterEndsItem } from '../kit/entryKeys';
import { NoticeLine, type NoticeText } from '../kit/Notice';
import { MemberCard } from './MemberCard';
import { PersonConsents } from './PersonConsents';
import { PersonFacts } from './PersonFacts';
import { PersonName } from '../kit/PersonName';
import { PinyinField } from './PinyinField';
import { keysOfTypedPinyin, suggestedPinyin } from '../../../shared/search';

/** One person's record: the facts, the consents, a correction (reception), erasure (managers), the card. */
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
      <PersonConsents member={member} onDone={setMessage} />
      {can(role, 'register') && <Correction member={member} onDone={setMessage} />}
      {can(role, 'correctRecords') && (
        <Erasure member={member} onErased={onClose} onProblem={setMessage} />
      )}
      {message && <NoticeLine notice={message} />}
      {printing && <MemberCard member={member} onClose={() => setPrinting(false)} />}
    </section>
  );
}

/** The fields reception may correct at the desk: allergies and phone. */
function Correction({
  member,
  onDone,
}: {
  member: VisibleMember;
  onDone(message: NoticeText): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [allergies, setAllergies] = useState((member.allergies ?? []).join('、'));
  const [phone, setPhone] = useState(member.phone ?? '');
  // Shown syllable by syllable where the stored key is the library's reading of the name.
  const [pinyinAtStart] = useState(() => {
    const suggested = suggestedPinyin(member.name);
    return keysOfTypedPinyin(suggested).pinyin === member.pinyin ? suggested : member.pinyin;
  });
  const [pinyin, setPinyin] = useState(pinyinAtStart);

  async function save() {
    try {
      await correctMember(desk, member.id, {
        allergies: splitList(allergies),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(pinyin.trim() !== pinyinAtStart ? { pinyin: pinyin.trim() } : {}),
      });
      onDone({ tone: 'ok', text: t('people.saved') });
    } catch (e) {
      onDone({ tone: 'error', text: saveErrorText(t, e) });
    }
  }

  return (
    <div className="correct">
      <h3>{t('people.correct')}</h3>
      <PinyinField id="fix-pinyin" name={member.name} value={pinyin} onChange={setPinyin} inline />
      <InputField
        id="fix-allergies"
        label={t('register.allergies')}
        inline
        value={allergies}
        onChange={(e) => setAllergies(e.target.value)}
        onKeyDown={enterEndsItem}
      />
      <InputField
        id="fix-phone"
        label={t('register.phone')}
        inline
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
      />
      <button type="button" className="primary" onClick={() => void save()}>
        {t('register.save')}
      </button>
    </div>
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
  const { desk } = useDesk();
  const [reason, setReason] = useState('');

  async function erase() {
    if (!reason.trim()) return onProblem({ tone: 'error', text: t('absence.reasonRequired') });
    if (!window.confirm(t('people.eraseConfirm', { name: member.name }))) return;
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
