import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { deliveredAtOf, type MealType } from '../../../shared/rules/meals';
import type { MealDoc } from '../../../shared/schemas';
import { recordDelivery } from '../../data/meals';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { clockOf } from './clock';
import type { Notice } from '../kit/Notice';
import { LabelledInput } from '../../../shared/ui/LabelledInput';

/** One delivery: serve the booked meal, then who took it to the door and when it arrived. */
export function DeliveryRow({
  name,
  mealType,
  serving,
  staffName,
  setNotice,
  onServe,
}: {
  name: string;
  mealType: MealType;
  serving?: MealDoc | undefined;
  staffName: string;
  setNotice(n: Notice): void;
  onServe: (() => void) | null;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [by, setBy] = useState(staffName);
  // A text field, not <input type="time">: Chromium shows that as 07:31 PM whatever the language.
  const [at, setAt] = useState(() => format(new Date(), 'HH:mm'));
  const meal = t(`meals.mealType.${mealType}`);

  async function mark() {
    if (!serving) return;
    if (!by.trim()) return setNotice({ tone: 'warn', text: t('meals.byRequired') });
    const when = deliveredAtOf(serving.day, at);
    if (!when) return setNotice({ tone: 'warn', text: t('meals.timeFormat') });
    try {
      await recordDelivery(desk, serving.id, { by, at: when });
      setNotice({ tone: 'ok', text: t('meals.deliveredSaved', { name, meal }) });
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    }
  }

  return (
    <li className={serving?.deliveredAt ? 'delivery done' : 'delivery'}>
      <span className="name">{name}</span>
      <span className="meta">
        {meal} ·{' '}
        {!serving
          ? t('meals.toServe')
          : serving.deliveredAt
            ? t('meals.deliveredAt', {
                time: clockOf(serving.deliveredAt),
                by: serving.deliveredBy,
              })
            : t('meals.servedAt', { time: clockOf(serving.servedAt ?? serving.createdAt) })}
      </span>
      {!serving && onServe && (
        <button type="button" className="primary" onClick={onServe}>
          {t('meals.serveNow')}
        </button>
      )}
      {serving && !serving.deliveredAt && (
        <>
          <LabelledInput
            label={t('meals.deliveredBy')}
            value={by}
            onChange={(e) => setBy(e.target.value)}
            className="short"
          />
          <LabelledInput
            label={t('meals.deliveredTime')}
            className="time"
            inputMode="numeric"
            placeholder="12:05"
            value={at}
            onChange={(e) => setAt(e.target.value)}
          />
          <button type="button" className="primary" onClick={() => void mark()}>
            {t('meals.markDelivered')}
          </button>
        </>
      )}
    </li>
  );
}
