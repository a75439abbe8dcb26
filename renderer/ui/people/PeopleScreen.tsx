import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleOnRecord$ } from '../../data/people';
import { useDeskRead } from '../kit/hooks';
import { PersonFinder } from '../kit/PersonFinder';
import { PersonRecord } from './PersonRecord';

/** How many people the list shows at once; the finder narrows it down. */
const SHOWN = 50;

/** People: find a person, see and correct their record, print their card, erase on request. */
export function PeopleScreen() {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(null);
  const members = useDeskRead(peopleOnRecord$, []);
  const open = members.find((m) => m.id === openId) ?? null;

  return (
    <div className="people">
      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title">{t('people.title', { count: members.length })}</h2>
        <PersonFinder
          id="people-find"
          label={t('people.find')}
          listLabel={t('people.list')}
          openLabel={t('people.open')}
          people={members}
          meta={(m) => (
            <>
              {t(`kind.${m.kind}`)} · {m.birthDate} · {t('people.card', { card: m.cardNo ?? '—' })}
            </>
          )}
          onOpen={(m) => setOpenId(m.id)}
          openId={openId}
          limit={SHOWN}
          browse
        />
      </section>
      {open && <PersonRecord key={open.id} member={open} onClose={() => setOpenId(null)} />}
    </div>
  );
}
