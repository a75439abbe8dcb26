import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followUps$, openIncidents$ } from '../../data/care';
import { FollowUps } from './FollowUps';
import { peopleInCare$, peopleOnRecord$ } from '../../data/people';
import { useDeskRead } from '../kit/hooks';
import { CareRecordPanel } from './CareRecordPanel';
import { OpenIncidents } from './OpenIncidents';
import { PersonFinder } from '../kit/PersonFinder';
import { useNameOf } from '../kit/PersonName';
import { openPersonNext, personToOpen } from '../people/openPerson';

/** Health records (light) and incidents: find a person, measure, see the trend, follow up. */
export function CareScreen() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  // A record asked for from another screen (the home screen's reassessments due) opens at once.
  const [openId, setOpenId] = useState<string | null>(personToOpen);
  useEffect(() => openPersonNext(null), []);
  // Found to measure: the people in care. An open incident of someone who has left since still
  // names them and opens their record, to be followed up and closed.
  const inCare = useDeskRead(peopleInCare$, []);
  const onRecord = useDeskRead(peopleOnRecord$, []);
  const incidents = useDeskRead(openIncidents$, []);
  const follow = useDeskRead(followUps$, []);
  const byId = useMemo(() => new Map(onRecord.map((m) => [m.id, m])), [onRecord]);
  const open = openId ? byId.get(openId) : undefined;

  return (
    <div className="care">
      <div className="care-top">
        <section className="panel care-find" aria-labelledby="care-find-title">
          <h2 id="care-find-title">{t('care.title')}</h2>
          <PersonFinder
            id="care-find"
            label={t('care.findPerson')}
            listLabel={t('care.people')}
            openLabel={t('care.open')}
            people={inCare}
            meta={(m) => `${t(`kind.${m.kind}`)} · ${m.birthDate}`}
            onOpen={(m) => setOpenId(m.id)}
          />
        </section>
        <OpenIncidents
          incidents={incidents}
          nameOf={(id) => {
            const member = byId.get(id);
            return member && nameOf(member);
          }}
          onOpen={setOpenId}
        />
        <FollowUps
          list={follow}
          nameOf={(id) => {
            const member = byId.get(id);
            return member && nameOf(member);
          }}
          onOpen={setOpenId}
        />
      </div>
      {open && <CareRecordPanel key={open.id} member={open} onClose={() => setOpenId(null)} />}
    </div>
  );
}
