import { useTranslation } from 'react-i18next';
import type { DailyRules } from '../../../shared/rules/dailySettings';
import type { MealType } from '../../../shared/rules/meals';
import { discardSample, type SampleStatus } from '../../data/meals';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { shortTimeOf } from './clock';
import type { Notice } from '../kit/Notice';

/** What the samples need: dishes with none kept, samples under weight, ones that may go now. */
export function SampleReminders({
  status,
  rules,
  staffName,
  setNotice,
}: {
  status: SampleStatus;
  rules: DailyRules['foodSample'];
  staffName: string;
  setNotice(n: Notice): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const meal = (m: MealType) => t(`meals.mealType.${m}`);
  const { reminders, missing } = status;
  const nothing =
    missing.length +
      reminders.discardable.length +
      reminders.underWeight.length +
      reminders.discardedEarly.length ===
    0;
  return (
    <section className="panel" aria-labelledby="sample-reminders-title">
      <h2 id="sample-reminders-title">{t('meals.samplesTitle')}</h2>
      {nothing ? (
        <p className="empty">{t('meals.noReminders')}</p>
      ) : (
        <ul className="tone-list">
          {missing.map((m) => (
            <li key={`m-${m.mealType}-${m.dish}`} className="warn">
              {t('meals.missing', { meal: meal(m.mealType), dish: m.dish })}
            </li>
          ))}
          {reminders.underWeight.map(({ sample, shortBy }) => (
            <li key={`u-${sample.id}`} className="error">
              {t('meals.underWeight', {
                dish: sample.dish,
                grams: sample.grams,
                shortBy,
                min: rules.minGrams,
              })}
            </li>
          ))}
          {reminders.discardable.map(({ sample }) => (
            <li key={`d-${sample.id}`} className="ok">
              {t('meals.discardable', {
                dish: sample.dish,
                day: sample.day,
                meal: meal(sample.mealType),
                hours: rules.keepHours,
              })}{' '}
              <button
                type="button"
                onClick={() =>
                  void discardSample(desk, sample.id, staffName).catch((e: unknown) =>
                    setNotice({ tone: 'error', text: saveErrorText(t, e) }),
                  )
                }
              >
                {t('meals.discard')}
              </button>
            </li>
          ))}
          {reminders.discardedEarly.map(({ sample, keepUntil }) => (
            <li key={`e-${sample.id}`} className="error">
              {t('meals.discardedEarly', {
                dish: sample.dish,
                day: sample.day,
                meal: meal(sample.mealType),
                until: shortTimeOf(keepUntil),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
