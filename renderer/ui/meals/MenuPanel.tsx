import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  dishDraft,
  dishOfDraft,
  emptyDishDraft,
  type DishDraft,
  type MealType,
} from '../../../shared/rules/meals';
import { setMenu, type MealsDay } from '../../data/meals';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { MenuEditor } from './MenuEditor';

/** The menu of the meal being served, with its allergens; who may plan menus can edit it here. */
export function MenuPanel({
  day,
  mealType,
  mayPlan,
}: {
  day: MealsDay;
  mealType: MealType;
  mayPlan: boolean;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const menu = day.menus.find((m) => m.mealType === mealType);
  const [editing, setEditing] = useState<DishDraft[] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    setEditing(null);
    setSaved(null);
  }, [mealType]);
  const meal = t(`meals.mealType.${mealType}`);

  async function save(drafts: DishDraft[]) {
    try {
      await setMenu(desk, {
        day: day.day,
        mealType,
        dishes: drafts.map(dishOfDraft).filter((d) => d.name),
      });
      setEditing(null);
      setSaved(t('meals.menuSaved', { meal }));
    } catch (e) {
      setSaved(saveErrorText(t, e));
    }
  }

  return (
    <section className="panel meal-menu" aria-labelledby="menu-title">
      <div className="section-head">
        <h2 id="menu-title">{t('meals.menuTitle', { meal })}</h2>
        {mayPlan && !editing && (
          <button
            type="button"
            onClick={() => {
              setSaved(null);
              setEditing(menu?.dishes.length ? menu.dishes.map(dishDraft) : [emptyDishDraft()]);
            }}
          >
            {t('meals.editMenu')}
          </button>
        )}
      </div>
      {saved && (
        <p role="status" className="hint">
          {saved}
        </p>
      )}
      {editing ? (
        <MenuEditor
          drafts={editing}
          onChange={setEditing}
          onSave={() => void save(editing)}
          onCancel={() => setEditing(null)}
        />
      ) : !menu || menu.dishes.length === 0 ? (
        <p className="empty">{t('meals.noMenu')}</p>
      ) : (
        <ul className="dishes">
          {menu.dishes.map((d) => (
            <li key={d.name}>
              <span className="dish-name">{d.name}</span>{' '}
              <span className={d.allergens === undefined ? 'meta unknown' : 'meta'}>
                {d.allergens === undefined
                  ? t('meals.allergensUnknown')
                  : d.allergens.length
                    ? t('meals.allergensList', { list: d.allergens.join('、') })
                    : t('meals.noAllergens')}
                {d.suits?.length
                  ? ` · ${t('meals.suitsList', { list: d.suits.map((s) => t(`diet.${s}`)).join('、') })}`
                  : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
