import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MealType, ServingMode, ServingWarning } from '../../../shared/rules/meals';
import type { MemberDoc } from '../../../shared/schemas';
import { reserveMeal, serveMeal, warningsFor, type MealsDay } from '../../data/meals';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { clockOf } from './clock';
import type { Notice } from '../kit/Notice';

/** A serving about to be confirmed: the warnings are shown before anything is written. */
export interface Pending {
  member: MemberDoc;
  mealType: MealType;
  mode: ServingMode;
  warnings: ServingWarning[];
}

/**
 * Serving and booking meals from the screen: a person is checked against the menu first and
 * served at once when there is nothing to warn of; otherwise the serving waits as `pending` for
 * the confirm dialog. `after` runs when an action is over (the finder takes the focus back).
 */
export function useServing(day: MealsDay, today: string, after: () => void) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const mealName = (m: MealType) => t(`meals.mealType.${m}`);
  const failed = (e: unknown) => setNotice({ tone: 'error', text: saveErrorText(t, e) });
  const alreadyServed = (member: MemberDoc, meal: MealType, at: string) =>
    setNotice({
      tone: 'warn',
      text: t('meals.alreadyServed', {
        name: member.name,
        meal: mealName(meal),
        time: clockOf(at),
      }),
    });

  async function begin(member: MemberDoc, mealType: MealType, mode: ServingMode) {
    try {
      const warnings = await warningsFor(desk, member, today, mealType, mode);
      const earlier = day.servings.find((s) => s.memberId === member.id && s.mealType === mealType);
      if (earlier) return alreadyServed(member, mealType, earlier.servedAt ?? earlier.createdAt);
      if (warnings.length) {
        setNotice(null);
        setPending({ member, mealType, mode, warnings });
        return;
      }
      await finish({ member, mealType, mode, warnings });
    } catch (e) {
      failed(e);
    }
  }

  async function finish(p: Pending) {
    try {
      const result = await serveMeal(desk, {
        member: p.member,
        day: today,
        mealType: p.mealType,
        mode: p.mode,
        confirmed: p.warnings.length > 0,
      });
      if (result.kind === 'served')
        setNotice({
          tone: 'ok',
          text: t('meals.served', {
            name: p.member.name,
            meal: mealName(p.mealType),
            mode: t(`meals.mode.${p.mode}`),
          }),
        });
      else alreadyServed(p.member, p.mealType, result.serving.servedAt ?? result.serving.createdAt);
    } catch (e) {
      failed(e);
    }
    setPending(null);
    after();
  }

  function decline(p: Pending) {
    setNotice({
      tone: 'warn',
      text: t('meals.notServed', { name: p.member.name, meal: mealName(p.mealType) }),
    });
    setPending(null);
    after();
  }

  async function reserve(member: MemberDoc, mealType: MealType, mode: ServingMode) {
    try {
      await reserveMeal(desk, { memberId: member.id, day: today, mealType, mode });
      setNotice({
        tone: 'ok',
        text: t('meals.reserved', {
          name: member.name,
          meal: mealName(mealType),
          mode: t(`meals.mode.${mode}`),
        }),
      });
    } catch (e) {
      failed(e);
    }
    after();
  }

  return { notice, setNotice, pending, begin, finish, decline, reserve };
}
