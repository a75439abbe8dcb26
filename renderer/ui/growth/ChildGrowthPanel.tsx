import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Observable } from 'rxjs';
import { attentionStatuses } from '../../../shared/rules/growth/child';
import { CHECK_SCHEDULE_SOURCE, nextCheck } from '../../../shared/rules/growth/schedules';
import type { MemberDoc } from '../../../shared/schemas';
import { openChildHealth, type ChildHealthRecord } from '../../data/childHealth';
import { useDesk } from '../app/DeskContext';
import { careErrors } from '../kit/careErrors';
import { useObservable } from '../kit/hooks';
import { NoticeLine } from '../kit/Notice';
import { useNameOf } from '../kit/PersonName';
import { PrintSheet } from '../kit/PrintSheet';
import { Table } from '../kit/Table';
import { Attention } from './Attention';
import { CheckForm } from './CheckForm';
import { Evaluation } from './Evaluation';
import { CHART_INDICATORS, GrowthChart, type ChartIndicator } from './GrowthChart';
import { Vaccinations } from './Vaccinations';
import { RadioGroup } from '../kit/Choices';

/**
 * One child's growth and health management: opening it is logged; then the check form, the
 * latest measurement's SD scores and assessment, the growth chart (printable for the parents),
 * the check schedule, the vaccination certificate and the 体弱儿 record.
 */
export function ChildGrowthPanel({ member, onClose }: { member: MemberDoc; onClose(): void }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const [record$, setRecord$] = useState<Observable<ChildHealthRecord | null> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [indicator, setIndicator] = useState<ChartIndicator>('weightForAge');
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    let cancelled = false;
    openChildHealth(desk, member.id).then(
      (source) => !cancelled && setRecord$(source),
      (e: unknown) => !cancelled && setFailure(careErrors(t, e).form ?? String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [desk, member.id, t]);
  const record = useObservable(record$, null);
  const latest = record?.points.at(-1);
  const due = record && nextCheck(record.schedule.checks);

  return (
    <section className="panel growth-record" aria-labelledby="growth-record-title">
      <div className="section-head">
        <h2 id="growth-record-title">{t('growth.recordOf', { name: nameOf(member) })}</h2>
        <span className="hint">{t('care.viewLogged')}</span>
        <button type="button" onClick={onClose}>
          {t('care.close')}
        </button>
      </div>
      <NoticeLine tone="error" text={failure} />
      {record && (
        <>
          {due && (
            <p className={`notice ${due.state === 'overdue' ? 'error' : 'warn'}`} role="status">
              {t(`growth.check_${due.state as 'due' | 'overdue'}`, {
                month: due.month,
                day: due.dueOn,
              })}
            </p>
          )}
          <CheckForm member={member} dueMonth={due?.month} />
          {latest ? (
            <Evaluation point={latest} />
          ) : (
            <p className="hint">{t('growth.noMeasurement')}</p>
          )}
          <div className="section-head">
            <RadioGroup
              look="pills"
              groupLabel={t('growth.chart')}
              name="growth-indicator"
              options={CHART_INDICATORS}
              value={indicator}
              label={(i) => t(`growth.indicator_${i}`)}
              onChange={setIndicator}
            />
            <button type="button" onClick={() => setPrinting(true)}>
              {t('growth.printChart')}
            </button>
          </div>
          <GrowthChart
            standard={record.standard}
            indicator={indicator}
            sex={member.gender}
            points={record.points}
          />
          <ChecksTable record={record} />
          <Vaccinations member={member} doses={record.schedule.doses} recorded={record.doses} />
          <Attention
            // A new measurement's statuses are offered as the reasons of a child not yet listed.
            key={
              record.attention?.id ??
              `none:${attentionStatuses(latest?.evaluation.statuses ?? []).join()}`
            }
            member={member}
            open={record.attention}
            suggested={attentionStatuses(latest?.evaluation.statuses ?? [])}
          />
          {printing && (
            <PrintSheet
              titleId="growth-print-title"
              title={t('growth.chartTitle', { name: nameOf(member) })}
              facts={[
                `${t(`gender.${member.gender}`)} · ${member.birthDate}`,
                t(`growth.standard_${record.standard}`),
              ]}
              className="growth-sheet"
              onClose={() => setPrinting(false)}
            >
              {latest && <Evaluation point={latest} />}
              {(['weightForAge', 'heightForAge'] as const).map((i) => (
                <GrowthChart
                  key={i}
                  standard={record.standard}
                  indicator={i}
                  sex={member.gender}
                  points={record.points}
                />
              ))}
            </PrintSheet>
          )}
        </>
      )}
    </section>
  );
}

function ChecksTable({ record }: { record: ChildHealthRecord }) {
  const { t } = useTranslation();
  const byMonth = new Map(record.checks.map((c) => [c.checkMonth, c]));
  return (
    <section aria-labelledby="growth-checks-title">
      <h3 id="growth-checks-title">{t('growth.checks')}</h3>
      <Table
        labelledBy="growth-checks-title"
        columns={[t('growth.checkMonth'), t('growth.dueOn'), t('growth.state'), t('growth.result')]}
      >
        {record.schedule.checks.map((c) => {
          const done = byMonth.get(c.month);
          return (
            <tr key={c.month} className={`check-${c.state}`}>
              <th scope="row">{t('growth.checkAt', { month: c.month })}</th>
              <td>{c.dueOn}</td>
              <td>{t(`growth.checkState_${c.state}`)}</td>
              <td>
                {done &&
                  [
                    done.day,
                    done.heightCm !== undefined && `${done.heightCm} cm`,
                    done.weightKg !== undefined && `${done.weightKg} kg`,
                    done.headCm !== undefined && `${t('growth.head')} ${done.headCm} cm`,
                    done.haemoglobin !== undefined && `Hb ${done.haemoglobin} g/L`,
                    done.findings,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
              </td>
            </tr>
          );
        })}
      </Table>
      <p className="hint">{CHECK_SCHEDULE_SOURCE}</p>
    </section>
  );
}
