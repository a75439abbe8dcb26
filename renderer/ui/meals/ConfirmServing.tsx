import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ServingWarning } from '../../../shared/rules/meals';
import { localTime } from '../../../shared/time';
import { needsConfirm } from '../../data/meals';
import { Dialog } from '../kit/Dialog';
import type { Pending } from './useServing';
import { useNameOf } from '../kit/PersonName';

function warningText(t: TFunction, w: ServingWarning, name: string, meal: string): string {
  if (w.kind === 'allergy')
    return t('meals.warn.allergy', {
      dish: w.dish,
      allergen: w.allergen,
      allergy: w.allergy,
      name,
    });
  if (w.kind === 'allergensUnknown')
    return w.dish === ''
      ? t('meals.warn.noMenu', { meal, name, allergies: w.allergies.join('、') })
      : t('meals.warn.allergensUnknown', { dish: w.dish, name, allergies: w.allergies.join('、') });
  if (w.kind === 'checkedOut') return t('meals.warn.checkedOut', { name, time: localTime(w.at) });
  if (w.dish === '') return t('meals.warn.dietNoMenu', { meal, name, diet: t(`diet.${w.diet}`) });
  return t('meals.warn.diet', { dish: w.dish, diet: t(`diet.${w.diet}`) });
}

/**
 * The warnings, big, before the meal is written. With an allergy the focus starts on "do not
 * serve", so a scanner's next Enter cannot confirm it: serving takes a deliberate press.
 */
export function ConfirmServing({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: Pending;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const out = pending.warnings.filter((w) => w.kind === 'checkedOut');
  const allergy = pending.warnings.filter((w) => needsConfirm(w) && w.kind !== 'checkedOut');
  const diet = pending.warnings.filter((w) => !needsConfirm(w));
  const meal = t(`meals.mealType.${pending.mealType}`);
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const asks = allergy.length > 0 || out.length > 0;
  const first = asks ? cancel : confirm;
  useEffect(() => {
    // After the dialog opens (showModal focuses its first control, the close button).
    const timer = setTimeout(() => first.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [first]);
  const list = (kind: 'allergy' | 'diet' | 'checkedOut', warnings: ServingWarning[]) => (
    <div className={`serving-warnings ${kind}`} role={kind === 'diet' ? undefined : 'alert'}>
      <h3>{t(`meals.${kind}Head`)}</h3>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{warningText(t, w, nameOf(pending.member), meal)}</li>
        ))}
      </ul>
    </div>
  );
  return (
    <Dialog
      title={t('meals.confirmTitle', { name: nameOf(pending.member) })}
      onClose={onCancel}
      className={allergy.length ? 'serving-check allergy' : 'serving-check'}
    >
      <p className="serving-what">
        {meal} · {t(`meals.mode.${pending.mode}`)}
      </p>
      {out.length > 0 && list('checkedOut', out)}
      {allergy.length > 0 && list('allergy', allergy)}
      {diet.length > 0 && list('diet', diet)}
      <div className="actions">
        <button type="button" className="big" ref={cancel} onClick={onCancel}>
          {t('meals.cancel')}
        </button>
        <button
          type="button"
          className={allergy.length ? 'big danger' : 'big primary'}
          ref={confirm}
          onClick={onConfirm}
        >
          {t(
            allergy.length
              ? 'meals.confirmAllergy'
              : out.length
                ? 'meals.confirmCheckedOut'
                : 'meals.confirmDiet',
          )}
        </button>
      </div>
    </Dialog>
  );
}
