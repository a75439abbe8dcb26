import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personState } from '../../../shared/rules/people';
import type { MemberKind } from '../../../shared/schemas/members';
import { logChildListView, peopleOnRecord$ } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { RadioGroup } from '../kit/Choices';
import { useDeskRead } from '../kit/hooks';
import { PersonFinder } from '../kit/PersonFinder';
import { MemberCardsSheet } from './MemberCard';
import { Duplicates } from './Duplicates';
import { openPersonNext, personToOpen } from './openPerson';
import { PersonRecord } from './PersonRecord';

/** How many people the list shows at once; the finder narrows it down. */
const SHOWN = 50;

type Which = 'all' | MemberKind;

/**
 * Who looked at a list with children in it is logged, once each time the list opens or turns to
 * children (not per render: the ref keeps React's second mount in development from logging twice).
 */
function useChildListLog(which: Which) {
  const { desk } = useDesk();
  const logged = useRef<Which | null>(null);
  useEffect(() => {
    if (which === 'elder' || logged.current === which) return;
    logged.current = which;
    void logChildListView(desk, `people:${which}`);
  }, [desk, which]);
}

/** People: find a person, see and correct their record, print their card, erase on request. */
export function PeopleScreen() {
  const { t } = useTranslation();
  const [which, setWhich] = useState<Which>('all');
  // A record asked for from another screen (a refused registration) opens at once.
  const [openId, setOpenId] = useState<string | null>(personToOpen);
  useEffect(() => openPersonNext(null), []);
  useChildListLog(which);
  const members = useDeskRead(peopleOnRecord$, [], which === 'all' ? undefined : which);
  const open = members.find((m) => m.id === openId) ?? null;
  // 打印会员卡（A4）: the cards of everyone in the list shown who is in the centre's care now.
  const [printing, setPrinting] = useState(false);
  const withCards = members.filter((m) => m.status === 'active' && m.cardNo);

  return (
    <div className="people">
      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title">{t('people.title', { count: members.length })}</h2>
        <RadioGroup
          options={['all', 'elder', 'child'] as const}
          label={(option) => t(`people.shown.${option}`)}
          groupLabel={t('people.show')}
          look="pills"
          value={which}
          onChange={setWhich}
        />
        <PersonFinder
          id="people-find"
          label={t('people.find')}
          listLabel={t('people.list')}
          openLabel={t('people.open')}
          people={members}
          meta={(m) => (
            <>
              {t(`kind.${m.kind}`)} · {m.birthDate} · {t('people.card', { card: m.cardNo ?? '—' })}
              {personState(m) === 'left' && (
                <>
                  {' '}
                  <span className="badge warn">{t('people.leftBadge')}</span>
                </>
              )}
            </>
          )}
          onOpen={(m) => setOpenId(m.id)}
          openId={openId}
          limit={SHOWN}
          browse
        />
        <p className="actions">
          <button type="button" disabled={withCards.length === 0} onClick={() => setPrinting(true)}>
            {t('people.printCards', { count: withCards.length })}
          </button>
        </p>
      </section>
      {printing && <MemberCardsSheet members={withCards} onClose={() => setPrinting(false)} />}
      <Duplicates onOpen={setOpenId} />
      {open && (
        <PersonRecord
          key={open.id}
          member={open}
          // A record closes only itself: one erased closes when its erasure has finished, and
          // by then the worker may have opened someone else (the list dropped the erased first).
          onClose={() => setOpenId((current) => (current === open.id ? null : current))}
        />
      )}
    </div>
  );
}
