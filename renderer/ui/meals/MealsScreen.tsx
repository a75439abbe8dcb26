import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import { mealAt, type MealType, type ServingMode } from '../../../shared/rules/meals';
import { localDay } from '../../../shared/time';
import { mealsDay$, type MealsDay } from '../../data/meals';
import { peopleInCare$, peopleOnRecord$ } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { useDeskRead } from '../kit/hooks';
import { ConfirmServing } from './ConfirmServing';
import { DeliveryView } from './DeliveryView';
import { MealClaimView } from './MealClaim';
import { SamplesView } from './SamplesView';
import { ServeView } from './ServeView';
import { useServing } from './useServing';
import { useNameOf } from '../kit/PersonName';

type View = 'serve' | 'delivery' | 'samples' | 'claim';

const EMPTY_DAY: MealsDay = { day: '', menus: [], servings: [], reservations: [], counts: [] };

/** 助餐: the day's menus, a fast serving flow with allergy checks, deliveries, samples, the claim. */
export function MealsScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const role = desk.session?.staff.role;
  const staffName = desk.session?.staff.name ?? '';
  const today = localDay(new Date());
  const [view, setView] = useState<View>('serve');
  const [mealType, setMealType] = useState<MealType>(() => mealAt(new Date()));
  const [mode, setMode] = useState<ServingMode>('dineIn');
  const finder = useRef<HTMLInputElement>(null);

  const day = useDeskRead(mealsDay$, EMPTY_DAY, today);
  // Who may be served; the lists and the claim also name those who have left since.
  const inCare = useDeskRead(peopleInCare$, []);
  const onRecord = useDeskRead(peopleOnRecord$, []);
  const inCareById = useMemo(() => new Map(inCare.map((m) => [m.id, m])), [inCare]);
  const names = useMemo(() => new Map(onRecord.map((m) => [m.id, m])), [onRecord]);
  const nameWithDetail = useNameOf();
  const nameOf = (memberId: string) => {
    const member = names.get(memberId);
    return member ? nameWithDetail(member) : memberId;
  };

  const serving = useServing(day, today, () => setTimeout(() => finder.current?.focus(), 0));
  const { notice, setNotice, pending } = serving;

  const views: View[] = [
    'serve',
    'delivery',
    'samples',
    ...(can(role, 'mealClaims') ? ['claim' as const] : []),
  ];

  return (
    <div className="meals">
      <nav className="subtabs" aria-label={t('nav.meals')}>
        {views.map((v) => (
          <button
            key={v}
            type="button"
            className={view === v ? 'tab active' : 'tab'}
            aria-current={view === v ? 'page' : undefined}
            onClick={() => setView(v)}
          >
            {t(`meals.views.${v}`)}
          </button>
        ))}
      </nav>
      {view === 'serve' && (
        <ServeView
          finder={finder}
          day={day}
          people={inCare}
          nameOf={nameOf}
          mealType={mealType}
          setMealType={setMealType}
          mode={mode}
          setMode={setMode}
          notice={notice}
          onServe={(m) => void serving.begin(m, mealType, mode)}
          onReserve={(m) => void serving.reserve(m, mealType, mode)}
          onNoMatch={(query) => setNotice({ tone: 'warn', text: t('meals.noMatch', { query }) })}
          mayPlan={can(role, 'planMenus')}
        />
      )}
      {view === 'delivery' && (
        <DeliveryView
          day={day}
          inCare={inCareById}
          nameOf={nameOf}
          staffName={staffName}
          notice={notice}
          setNotice={setNotice}
          onServe={(m, meal) => void serving.begin(m, meal, 'delivered')}
        />
      )}
      {view === 'samples' && <SamplesView day={day} staffName={staffName} />}
      {view === 'claim' && <MealClaimView nameOf={nameOf} />}
      {pending && (
        <ConfirmServing
          pending={pending}
          onConfirm={() => void serving.finish(pending)}
          onCancel={() => serving.decline(pending)}
        />
      )}
    </div>
  );
}
