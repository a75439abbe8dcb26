import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ageParts } from '../../../shared/rules/people';
import { localDay } from '../../../shared/time';
import { logSensitiveView } from '../../data/members';
import { IDENTITY_FIELDS, type VisibleMember } from '../../data/people';
import { useDesk } from '../app/DeskContext';

/**
 * What the record says about a person. The ID number and guardians come only to roles that may
 * see them (the data layer leaves them out otherwise), and even then are shown on request, which
 * the audit log records.
 */
export function PersonFacts({ member }: { member: VisibleMember }) {
  const { t } = useTranslation();
  const age = ageParts(member.birthDate, localDay(new Date()));
  const mayReveal = !member.withheld.includes('idNumber');
  return (
    <dl className="facts">
      <dt>{t('register.kind')}</dt>
      <dd>
        {t(`kind.${member.kind}`)} · {t(`gender.${member.gender}`)} ·{' '}
        {member.kind === 'child'
          ? t('age.child', { years: age.years, months: age.months })
          : t('age.elder', { years: age.years })}
        {member.childClass ? ` · ${t(`childClass.${member.childClass}`)}` : ''}
      </dd>
      <dt>{t('register.birthDate')}</dt>
      <dd>{member.birthDate}</dd>
      <dt>{t('people.cardNo')}</dt>
      <dd>{member.cardNo ?? '—'}</dd>
      {member.categories?.length ? (
        <>
          <dt>{t('register.categories')}</dt>
          <dd>{member.categories.map((c) => t(`category.${c}`)).join('、')}</dd>
        </>
      ) : null}
      {member.pickupAdults?.length ? (
        <>
          <dt>{t('people.pickupAdults')}</dt>
          <dd>{member.pickupAdults.map((a) => `${a.name}（${a.relation}）`).join('、')}</dd>
        </>
      ) : null}
      {mayReveal && (
        <>
          <dt>{t('people.sensitive')}</dt>
          <dd>
            <Identity member={member} />
          </dd>
        </>
      )}
      {member.healthNotes && (
        <>
          <dt>{t('people.healthNotes')}</dt>
          <dd>{member.healthNotes}</dd>
        </>
      )}
    </dl>
  );
}

/** The ID number and guardians, behind a button whose press is logged. */
function Identity({ member }: { member: VisibleMember }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [revealed, setRevealed] = useState(false);

  async function reveal() {
    await logSensitiveView(desk, member, [...IDENTITY_FIELDS]);
    setRevealed(true);
  }

  if (!revealed)
    return (
      <button type="button" onClick={() => void reveal()}>
        {t('people.reveal')}
      </button>
    );
  return (
    <>
      {t('register.idNumber')}：{member.idNumber ?? '—'}
      <br />
      {t('register.guardian')}：
      {(member.guardians ?? [])
        .map((g) => `${g.name}（${g.relation}）${g.phone ?? ''}`)
        .join('、') || '—'}
    </>
  );
}
