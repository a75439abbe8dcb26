import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextCheck } from '../../../shared/rules/growth/schedules';
import { childrenOverview$, type ChildOverview } from '../../data/childHealth';
import { peopleInCare$ } from '../../data/people';
import { useDeskRead } from '../kit/hooks';
import { PersonFinder } from '../kit/PersonFinder';
import { useNameOf } from '../kit/PersonName';
import { Table } from '../kit/Table';
import { ChildGrowthPanel } from './ChildGrowthPanel';
import { StatusWords } from './Evaluation';

const CHILD = 'child' as const;

/**
 * Children's growth and health management: find a child to measure and check; the 体弱儿 list,
 * the checks due and the vaccinations missing across the centre.
 */
export function GrowthScreen() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const [openId, setOpenId] = useState<string | null>(null);
  const children = useDeskRead(peopleInCare$, [], CHILD);
  const overview = useDeskRead(childrenOverview$, []);
  const byId = useMemo(() => new Map(children.map((m) => [m.id, m])), [children]);
  const open = openId ? byId.get(openId) : undefined;
  const name = (id: string) => {
    const m = byId.get(id);
    return m ? nameOf(m) : '';
  };
  const attention = overview.filter((o) => o.attention || o.suggested.length);
  const checksDue = overview.filter((o) => nextCheck(o.schedule.checks));
  const missing = overview.filter((o) => o.schedule.doses.some((d) => d.state === 'missing'));

  return (
    <div className="care growth">
      <div className="care-top">
        <section className="panel care-find" aria-labelledby="growth-find-title">
          <h2 id="growth-find-title">{t('growth.title')}</h2>
          <PersonFinder
            id="growth-find"
            label={t('growth.findChild')}
            listLabel={t('growth.children')}
            openLabel={t('care.open')}
            people={children}
            meta={(m) => `${t(`gender.${m.gender}`)} · ${m.birthDate}`}
            onOpen={(m) => setOpenId(m.id)}
          />
        </section>
        <AttentionList list={attention} name={name} onOpen={setOpenId} />
      </div>
      {open && <ChildGrowthPanel key={open.id} member={open} onClose={() => setOpenId(null)} />}
      <div className="care-top">
        <ListPanel id="growth-checks-due" title={t('growth.checksDue')} empty={!checksDue.length}>
          {checksDue.map((o) => {
            const c = nextCheck(o.schedule.checks)!;
            return (
              <tr key={o.memberId}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => setOpenId(o.memberId)}>
                    {name(o.memberId)}
                  </button>
                </th>
                <td>{t('growth.checkAt', { month: c.month })}</td>
                <td>{c.dueOn}</td>
                <td>{t(`growth.checkState_${c.state}`)}</td>
              </tr>
            );
          })}
        </ListPanel>
        <ListPanel id="growth-catch-up" title={t('growth.catchUp')} empty={!missing.length}>
          {missing.map((o) => (
            <tr key={o.memberId}>
              <th scope="row">
                <button type="button" className="link" onClick={() => setOpenId(o.memberId)}>
                  {name(o.memberId)}
                </button>
              </th>
              <td colSpan={3}>
                {o.schedule.doses
                  .filter((d) => d.state === 'missing')
                  .map(
                    (d) =>
                      `${t(`growth.vaccine_${d.vaccine}`)} ${t('growth.doseN', { n: d.dose })}`,
                  )
                  .join('、')}
              </td>
            </tr>
          ))}
        </ListPanel>
      </div>
    </div>
  );
}

function ListPanel({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {empty ? (
        <p className="hint">{t('growth.none')}</p>
      ) : (
        <Table labelledBy={`${id}-title`}>{children}</Table>
      )}
    </section>
  );
}

/** The 体弱儿 list: the children on it (with the next follow-up), and those whose growth calls for it. */
function AttentionList({
  list,
  name,
  onOpen,
}: {
  list: readonly ChildOverview[];
  name(id: string): string;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="growth-attention-list-title">
      <h2 id="growth-attention-list-title">{t('growth.attentionList')}</h2>
      {list.length === 0 ? (
        <p className="hint">{t('growth.none')}</p>
      ) : (
        <Table
          labelledBy="growth-attention-list-title"
          columns={[t('growth.child'), t('growth.reasons'), t('growth.followUpOn')]}
        >
          {list.map((o) => (
            <tr key={o.memberId}>
              <th scope="row">
                <button type="button" className="link" onClick={() => onOpen(o.memberId)}>
                  {name(o.memberId)}
                </button>
              </th>
              <td>
                {o.attention ? (
                  (o.attention.reasons ?? []).map((r) => t(`growth.status_${r}`)).join('、')
                ) : (
                  <>
                    <StatusWords statuses={o.suggested} /> {t('growth.notYetListed')}
                  </>
                )}
              </td>
              <td>{o.attention?.followUpOn ?? ''}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
