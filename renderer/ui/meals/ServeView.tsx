import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEAL_TYPES,
  SERVING_MODES,
  type MealType,
  type ServingMode,
} from '../../../shared/rules/meals';
import type { MemberDoc } from '../../../shared/schemas';
import type { MealsDay } from '../../data/meals';
import { RadioGroup } from '../kit/Choices';
import { CountsPanel } from './CountsPanel';
import { MealFinder } from './MealFinder';
import { MenuPanel } from './MenuPanel';
import type { Notice } from '../kit/Notice';

/** Serving: which meal and how, the finder, and beside it the meal's menu and the day's counts. */
export function ServeView(props: {
  finder: RefObject<HTMLInputElement | null>;
  day: MealsDay;
  people: readonly MemberDoc[];
  nameOf(memberId: string): string;
  mealType: MealType;
  setMealType(m: MealType): void;
  mode: ServingMode;
  setMode(m: ServingMode): void;
  notice: Notice;
  onServe(m: MemberDoc): void;
  onReserve(m: MemberDoc): void;
  onNoMatch(query: string): void;
  mayPlan: boolean;
}) {
  const { t } = useTranslation();
  const { day, mealType } = props;
  return (
    <div className="meals-serve">
      <section className="finder" aria-labelledby="meal-finder-label">
        <RadioGroup
          look="pills"
          legend={t('meals.mealLabel')}
          name="meal-type"
          options={MEAL_TYPES}
          value={mealType}
          label={(m) => t(`meals.mealType.${m}`)}
          onChange={props.setMealType}
        />
        <RadioGroup
          look="pills"
          legend={t('meals.modeLabel')}
          name="serving-mode"
          options={SERVING_MODES}
          value={props.mode}
          label={(m) => t(`meals.mode.${m}`)}
          onChange={props.setMode}
        />
        <MealFinder
          inputRef={props.finder}
          people={props.people}
          day={day}
          mealType={mealType}
          notice={props.notice}
          onServe={props.onServe}
          onReserve={props.onReserve}
          onNoMatch={props.onNoMatch}
        />
      </section>
      <div className="meals-side">
        <MenuPanel day={day} mealType={mealType} mayPlan={props.mayPlan} />
        <CountsPanel day={day} nameOf={props.nameOf} />
      </div>
    </div>
  );
}
