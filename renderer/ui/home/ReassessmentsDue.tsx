import { useTranslation } from 'react-i18next';
import { reassessmentsDue$ } from '../../data/assessments';
import { useDeskRead, useRules } from '../kit/hooks';
import { PersonName } from '../kit/PersonName';
import { openPersonNext } from '../people/openPerson';

/**
 * Elders whose ability reassessment (GB/T 42195-2022) is overdue or due soon, for the health roles,
 * each leading to their health record (健康记录), where the assessment is made.
 */
export function ReassessmentsDue({ day, onCare }: { day: string; onCare(): void }) {
  const { t } = useTranslation();
  const rules = useRules().assessment;
  const due = useDeskRead(reassessmentsDue$, [], day, rules);
  if (due.length === 0) return null;
  return (
    <div className="notice warn" aria-label={t('home.reassessmentsTitle')}>
      <p>
        {t('home.reassessments', {
          count: due.length,
          overdue: due.filter((d) => d.state === 'overdue').length,
        })}
      </p>
      <ul>
        {due.map((d) => (
          <li key={d.member.id}>
            <button
              type="button"
              className="link"
              onClick={() => {
                openPersonNext(d.member.id);
                onCare();
              }}
            >
              <PersonName person={d.member} />
            </button>
            ：{t(`assessment.state_${d.state}`)} {d.latest.dueOn}（{t(`ability.${d.latest.level}`)}
            ）
          </li>
        ))}
      </ul>
    </div>
  );
}
