import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import { likelyDuplicates$, mergeMembers, type LikelyDuplicate } from '../../data/identity';
import type { VisibleMember } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { useDeskRead } from '../kit/hooks';
import { NoticeLine, type Notice } from '../kit/Notice';
import { PersonName, useNameOf } from '../kit/PersonName';

/**
 * 疑似重复: records that are probably one person (two desks registered them offline, or a
 * warning was confirmed past), for the manager to merge: the record kept is chosen (its card
 * stays); everything about the other moves to it (renderer/data/identity.ts `mergeMembers`).
 */
export function Duplicates({ onOpen }: { onOpen(memberId: string): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const groups = useDeskRead(likelyDuplicates$, []);
  const nameOf = useNameOf();
  const [notice, setNotice] = useState<Notice>(null);
  if (!can(desk.session?.staff.role, 'correctRecords')) return null;
  if (groups.length === 0) return <NoticeLine notice={notice} />;

  async function keep(group: LikelyDuplicate, kept: VisibleMember) {
    const others = group.people.filter((p) => p.id !== kept.id);
    const question = t('identity.mergeConfirm', {
      others: others.map(nameOf).join('、'),
      kept: nameOf(kept),
      card: kept.cardNo ?? '—',
    });
    if (!window.confirm(question)) return;
    try {
      let moved = 0;
      for (const other of others) {
        const result = await mergeMembers(desk, kept.id, other.id);
        moved += Object.values(result.moved).reduce((a, b) => a + b, 0);
      }
      setNotice({ tone: 'ok', text: t('identity.merged', { count: moved, name: nameOf(kept) }) });
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    }
  }

  return (
    <section className="panel duplicates" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t('identity.duplicates', { count: groups.length })}</h2>
      <p className="hint">{t('identity.duplicatesHelp')}</p>
      {groups.map((group) => (
        <div
          key={group.people.map((p) => p.id).join('-')}
          className="duplicate-group"
          role="group"
          aria-label={t(`identity.reason.${group.reason}`)}
        >
          <h3>{t(`identity.reason.${group.reason}`)}</h3>
          <ul>
            {group.people.map((p) => (
              <li key={p.id}>
                <button type="button" className="link" onClick={() => onOpen(p.id)}>
                  <PersonName person={p} />
                </button>{' '}
                {t(`kind.${p.kind}`)} · {p.birthDate} ·{' '}
                {t('people.card', { card: p.cardNo ?? '—' })} ·{' '}
                {t('identity.registeredOn', { day: p.createdAt.slice(0, 10) })}{' '}
                <button type="button" onClick={() => void keep(group, p)}>
                  {t('identity.keep', { card: p.cardNo ?? '—' })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <NoticeLine notice={notice} />
    </section>
  );
}

/** The home screen's line for the manager: how many groups wait to be merged, and where. */
export function DuplicatesAlert({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const groups = useDeskRead(likelyDuplicates$, []);
  if (!can(desk.session?.staff.role, 'correctRecords') || groups.length === 0) return null;
  return (
    <p className="notice warn" id="home-duplicates">
      {t('identity.homeAlert', { count: groups.length })}{' '}
      <button type="button" className="link" onClick={onOpen}>
        {t('identity.toPeople')}
      </button>
    </p>
  );
}
