import { useTranslation } from 'react-i18next';
import type { MealType } from '../../../shared/rules/meals';
import type { MemberDoc } from '../../../shared/schemas';
import { deliveryList, type MealsDay } from '../../data/meals';
import { DeliveryRow } from './DeliveryRow';
import { NoticeLine, type Notice } from '../kit/Notice';

/** The day's delivery list: meals to hand out, out for delivery, and delivered (by whom, when). */
export function DeliveryView({
  day,
  inCare,
  nameOf,
  staffName,
  notice,
  setNotice,
  onServe,
}: {
  day: MealsDay;
  /** Who may be served now, by id: a booked meal is served from the list only to them. */
  inCare: ReadonlyMap<string, MemberDoc>;
  nameOf(memberId: string): string;
  staffName: string;
  notice: Notice;
  setNotice(n: Notice): void;
  onServe(m: MemberDoc, meal: MealType): void;
}) {
  const { t } = useTranslation();
  const rows = deliveryList(day);
  return (
    <section className="panel deliveries" aria-labelledby="delivery-title">
      <h2 id="delivery-title">{t('meals.deliveryTitle')}</h2>
      <NoticeLine notice={notice} />
      {rows.length === 0 ? (
        <p className="empty">{t('meals.noDeliveries')}</p>
      ) : (
        <ul className="delivery-list" aria-labelledby="delivery-title">
          {rows.map((row) => {
            const member = inCare.get(row.memberId);
            return (
              <DeliveryRow
                key={`${row.memberId}|${row.mealType}`}
                name={nameOf(row.memberId)}
                mealType={row.mealType}
                serving={row.serving}
                staffName={staffName}
                setNotice={setNotice}
                onServe={member ? () => onServe(member, row.mealType) : null}
              />
            );
          })}
        </ul>
      )}
    </section>
  );
}
