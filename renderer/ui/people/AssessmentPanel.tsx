import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { reassessmentState } from '../../../shared/rules/assessment';
import type { AbilityLevel } from '../../../shared/schemas/members';
import { localDay } from '../../../shared/time';
import { abilityOf, assessments$, mayAssess$ } from '../../data/assessments';
import type { MemberDoc } from '../../../shared/schemas';
import { staff$ } from '../../data/people';
import { dailyRulesInForce$ } from '../../data/rules';
import { useDesk } from '../app/DeskContext';
import { categoryName } from '../kit/categoryName';
import { useDeskRead, useObservable, useRules } from '../kit/hooks';
import { NoticeLine, type NoticeText } from '../kit/Notice';
import { Table } from '../kit/Table';
import { AssessmentForm } from './AssessmentForm';

/**
 * An elder's ability to GB/T 42195-2022: the level of the latest assessment (or the level stored
 * before, marked "未按标准评估"), what it drives (visit risk and frequency, meal subsidy category, by
 * the district's rules), when the next assessment is due, the history, a new assessment and a
 * correction. Health roles only: on the health record (健康记录), and on the person's record for the
 * manager.
 */
export function AssessmentPanel({ member }: { member: Pick<MemberDoc, 'id' | 'abilityLevel'> }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const rules = useRules().assessment;
  const list = useDeskRead(assessments$, [], member.id);
  const mayAssess = useDeskRead(mayAssess$, null);
  const staffNames = useObservable(
    useMemo(() => staff$(desk).pipe(map((s) => new Map(s.map((x) => [x.id, x.name])))), [desk]),
    new Map<string, string>(),
  );
  const frequency = useObservable(
    useMemo(() => dailyRulesInForce$(desk).pipe(map((r) => r.rules.visits.frequency)), [desk]),
    null,
  );
  const [form, setForm] = useState<'new' | string | null>(null);
  const [message, setMessage] = useState<NoticeText | null>(null);
  const ability = abilityOf(member, list);
  const today = localDay(new Date());

  function drives(level: AbilityLevel) {
    const risk = rules.visitRisk[level];
    const subsidy = rules.subsidyCategory[level];
    const f = risk !== 'none' ? frequency?.[risk] : undefined;
    return t('assessment.drives', {
      risk: risk === 'none' ? t('assessment.noRisk') : t(`visits.risk_${risk}`),
      frequency: f ? t(`dailyRules.every_${f.unit}`, { count: f.every }) : '—',
      subsidy: subsidy ? categoryName(t, subsidy) : t('assessment.noSubsidy'),
    });
  }

  return (
    <section className="assessment" aria-labelledby={`assessment-${member.id}`}>
      <h3 id={`assessment-${member.id}`}>{t('assessment.title')}</h3>
      <dl className="facts">
        <dt>{t('assessment.level')}</dt>
        <dd data-testid="ability-level">
          {ability.assessed ? (
            <>
              {t(`ability.${ability.level}`)}（
              {t('assessment.totalOf', { total: ability.latest.total })}）
            </>
          ) : (
            <>
              {t('assessment.notAssessed')}
              {ability.storedLevel &&
                ` ${t('assessment.storedLevel', { level: t(`ability.${ability.storedLevel}`) })}`}
            </>
          )}
        </dd>
        {ability.assessed && (
          <>
            <dt>{t('assessment.drivesTitle')}</dt>
            <dd data-testid="ability-drives">{drives(ability.level)}</dd>
            <dt>{t('assessment.dueOn')}</dt>
            <dd>
              {ability.latest.dueOn}
              {(() => {
                const state = reassessmentState(ability.latest.dueOn, today, rules.warnDays);
                return state === 'current' ? null : ` · ${t(`assessment.state_${state}`)}`;
              })()}
            </dd>
          </>
        )}
      </dl>
      {form === null && mayAssess === false && (
        <NoticeLine tone="warn" text={t('assessment.problem_notAssessor')} />
      )}
      {form === null && mayAssess && (
        <button type="button" onClick={() => (setMessage(null), setForm('new'))}>
          {t('assessment.new')}
        </button>
      )}
      <NoticeLine notice={message} />
      {form !== null && (
        <AssessmentForm
          key={form}
          memberId={member.id}
          firstEver={list.length === 0}
          correcting={form === 'new' ? undefined : list.find((a) => a.id === form)}
          onDone={(m) => {
            setForm(null);
            setMessage(m);
          }}
        />
      )}
      {list.length > 0 && (
        <Table
          label={t('assessment.history')}
          className="assessment-history"
          columns={[
            t('assessment.assessedOn'),
            t('assessment.reason'),
            t('assessment.total'),
            t('assessment.level'),
            t('assessment.assessor'),
            '',
          ]}
        >
          {list.map((a) => (
            <tr key={a.id}>
              <td>{a.assessedOn}</td>
              <td>{t(`assessment.reason_${a.reason}`)}</td>
              <td className="num">{a.total}</td>
              <td>{t(`ability.${a.level}`)}</td>
              <td>{staffNames.get(a.assessorId) ?? a.assessorId}</td>
              <td>
                <button type="button" className="link" onClick={() => setForm(a.id)}>
                  {t('assessment.correct')}
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
