import { useTranslation } from 'react-i18next';
import type { MemberDoc } from '../../../shared/schemas';
import { PeoplePicker } from './PeoplePicker';

/** Who is enrolled in the activity: found by name or pinyin, listed as chips to take off again. */
export function PlanEnrolment({
  people,
  enrolled,
  nameOf,
  onChange,
}: {
  people: readonly MemberDoc[];
  enrolled: string[];
  nameOf(memberId: string): string;
  onChange(enrolled: string[]): void;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <PeoplePicker
        id="plan-enrol"
        label={t('schedule.field.enrol')}
        people={people.filter((m) => !enrolled.includes(m.id))}
        onPick={(m) => onChange([...enrolled, m.id])}
      />
      <p>{t('schedule.enrolledCount', { count: enrolled.length })}</p>
      <ul className="chips" aria-label={t('schedule.enrolledList')}>
        {enrolled.map((id) => (
          <li key={id}>
            {nameOf(id)}
            <button
              type="button"
              className="link"
              aria-label={t('schedule.unenrol', { name: nameOf(id) })}
              onClick={() => onChange(enrolled.filter((x) => x !== id))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
