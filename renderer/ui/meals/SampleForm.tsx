import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DailyRules } from '../../../shared/rules/dailySettings';
import { MEAL_TYPES, mealAt, type FoodSample, type MealType } from '../../../shared/rules/meals';
import { readNumber } from '../../../shared/rules/numbers';
import { logSample, type MealsDay } from '../../data/meals';
import { messageKey } from '../../i18n/keys';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { NoticeLine, type Notice } from '../kit/Notice';
import { SampleTable } from './SampleTable';
import { Options } from '../kit/Field';
import { LabelledInput } from '../../../shared/ui/LabelledInput';

/** Logging a sample (the meal, a dish of its menu, the grams, who took it), and the week's list. */
export function SampleForm({
  day,
  samples,
  rules,
  staffName,
  notice,
  setNotice,
}: {
  day: MealsDay;
  samples: FoodSample[];
  rules: DailyRules['foodSample'];
  staffName: string;
  notice: Notice;
  setNotice(n: Notice): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [mealType, setMealType] = useState<MealType>(() => mealAt(new Date()));
  const [dish, setDish] = useState('');
  const [grams, setGrams] = useState(String(rules.minGrams));
  const [takenBy, setTakenBy] = useState(staffName);
  const menuDishes = day.menus.find((m) => m.mealType === mealType)?.dishes ?? [];

  async function save() {
    try {
      const n = readNumber(grams) ?? Number.NaN;
      await logSample(desk, { day: day.day, mealType, dish, grams: n, takenBy });
      setNotice({ tone: 'ok', text: t('meals.sampleSaved', { dish: dish.trim(), grams: n }) });
      setDish('');
    } catch (e) {
      // logSample refuses a sample with a code worded in meals.sampleProblem; or the store failed.
      const problem = messageKey('meals.sampleProblem', e instanceof Error ? e.message : '');
      setNotice({ tone: 'error', text: problem ? t(problem) : saveErrorText(t, e) });
    }
  }

  return (
    <section className="panel" aria-labelledby="sample-form-title">
      <h2 id="sample-form-title">{t('meals.sampleForm')}</h2>
      <form
        className="sample-form"
        aria-labelledby="sample-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t('meals.mealLabel')}{' '}
          <select value={mealType} onChange={(e) => setMealType(e.target.value as MealType)}>
            <Options options={MEAL_TYPES} label={(m) => t(`meals.mealType.${m}`)} />
          </select>
        </label>
        <LabelledInput
          label={t('meals.dish')}
          list="sample-dishes"
          value={dish}
          onChange={(e) => setDish(e.target.value)}
        />
        <datalist id="sample-dishes">
          {menuDishes.map((d) => (
            <option key={d.name} value={d.name} />
          ))}
        </datalist>
        <LabelledInput
          label={t('meals.grams')}
          className="short"
          inputMode="numeric"
          value={grams}
          onChange={(e) => setGrams(e.target.value)}
        />
        <LabelledInput
          label={t('meals.takenBy')}
          className="short"
          value={takenBy}
          onChange={(e) => setTakenBy(e.target.value)}
        />
        <button type="submit" className="primary">
          {t('meals.logSample')}
        </button>
      </form>
      <NoticeLine notice={notice} />
      <SampleTable samples={samples} rules={rules} />
    </section>
  );
}
