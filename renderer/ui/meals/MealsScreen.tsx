import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addHours, format, parseISO, subDays } from 'date-fns';
import { map } from 'rxjs';
import { can } from '../../../shared/roles';
import {
  MEAL_TYPES,
  SERVING_MODES,
  type Dish,
  type MealType,
  type ServingMode,
  type ServingWarning,
} from '../../../shared/rules/meals';
import { DEFAULT_DAILY_RULES } from '../../../shared/rules/dailySettings';
import type { MealDoc, MemberDoc } from '../../../shared/schemas';
import { DIETS, type Diet } from '../../../shared/schemas/members';
import { searchPeople } from '../../../shared/search';
import { localDay } from '../../../shared/time';
import {
  dailyRules$,
  deliveryList,
  discardSample,
  logSample,
  mealsDay$,
  needsConfirm,
  recordDelivery,
  reserveMeal,
  samples$,
  serveMeal,
  setMenu,
  warningsFor,
  type MealsDay,
  type SampleStatus,
} from '../../data/meals';
import { useDesk } from '../app/DeskContext';
import { Dialog } from '../kit/Dialog';
import { MealClaimView, categoryName } from './MealClaim';
import { saveErrorText } from '../kit/errors';
import { useFinderKeys, useObservable } from '../kit/hooks';

type View = 'serve' | 'delivery' | 'samples' | 'claim';
type Notice = { tone: 'ok' | 'warn' | 'error'; text: string } | null;

/** The meal whose time it is: breakfast until 10:00, lunch until 15:00, then dinner. */
function mealNow(now: Date): MealType {
  const hhmm = format(now, 'HH:mm');
  return hhmm < '10:00' ? 'breakfast' : hhmm < '15:00' ? 'lunch' : 'dinner';
}

const time = (iso: string) => format(parseISO(iso), 'HH:mm');

/** A serving about to be confirmed: the warnings are shown before anything is written. */
interface Pending {
  member: MemberDoc;
  mealType: MealType;
  mode: ServingMode;
  warnings: ServingWarning[];
}

const EMPTY_DAY: MealsDay = { day: '', menus: [], servings: [], reservations: [], counts: [] };

/** 助餐: the day's menus, a fast serving flow with allergy checks, deliveries, samples, the claim. */
export function MealsScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const role = desk.session?.staff.role;
  const staffName = desk.session?.staff.name ?? '';
  const today = localDay(new Date());
  const [view, setView] = useState<View>('serve');
  const [mealType, setMealType] = useState<MealType>(() => mealNow(new Date()));
  const [mode, setMode] = useState<ServingMode>('dineIn');
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const finder = useRef<HTMLInputElement>(null);

  const day$ = useMemo(() => mealsDay$(desk, today), [desk, today]);
  const day = useObservable(day$, EMPTY_DAY);
  const members$ = useMemo(
    () =>
      desk.db.members
        .find()
        .$.pipe(
          map((docs) =>
            docs
              .map((d) => d.toJSON() as MemberDoc)
              .filter((m) => (m.status ?? 'active') === 'active'),
          ),
        ),
    [desk],
  );
  const members = useObservable(members$, [] as MemberDoc[]);
  const byId = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);

  const views: View[] = [
    'serve',
    'delivery',
    'samples',
    ...(can(role, 'mealClaims') ? ['claim' as const] : []),
  ];
  const mealName = (m: MealType) => t(`meals.mealType.${m}`);

  function refocus() {
    setTimeout(() => finder.current?.focus(), 0);
  }

  /** Checks the person against the menu; serves at once when there is nothing to warn of. */
  async function begin(member: MemberDoc, meal: MealType, how: ServingMode) {
    try {
      const warnings = await warningsFor(desk, member, today, meal);
      const earlier = day.servings.find((s) => s.memberId === member.id && s.mealType === meal);
      if (earlier) {
        setNotice({
          tone: 'warn',
          text: t('meals.alreadyServed', {
            name: member.name,
            meal: mealName(meal),
            time: time(earlier.servedAt ?? earlier.createdAt),
          }),
        });
        return;
      }
      if (warnings.length) {
        setNotice(null);
        setPending({ member, mealType: meal, mode: how, warnings });
        return;
      }
      await finish({ member, mealType: meal, mode: how, warnings });
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
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
      setNotice(
        result.kind === 'served'
          ? {
              tone: 'ok',
              text: t('meals.served', {
                name: p.member.name,
                meal: mealName(p.mealType),
                mode: t(`meals.mode.${p.mode}`),
              }),
            }
          : {
              tone: 'warn',
              text: t('meals.alreadyServed', {
                name: p.member.name,
                meal: mealName(p.mealType),
                time: time(result.serving.servedAt ?? result.serving.createdAt),
              }),
            },
      );
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    }
    setPending(null);
    refocus();
  }

  async function reserve(member: MemberDoc) {
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
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    }
    refocus();
  }

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
          members={members}
          byId={byId}
          mealType={mealType}
          setMealType={setMealType}
          mode={mode}
          setMode={setMode}
          notice={notice}
          onServe={(m) => void begin(m, mealType, mode)}
          onReserve={(m) => void reserve(m)}
          onNoMatch={(query) => setNotice({ tone: 'warn', text: t('meals.noMatch', { query }) })}
          mayPlan={can(role, 'planMenus')}
        />
      )}
      {view === 'delivery' && (
        <DeliveryView
          day={day}
          byId={byId}
          staffName={staffName}
          notice={notice}
          setNotice={setNotice}
          onServe={(m, meal) => void begin(m, meal, 'delivered')}
        />
      )}
      {view === 'samples' && <SamplesView day={day} staffName={staffName} />}
      {view === 'claim' && <MealClaimView byId={byId} />}
      {pending && (
        <ConfirmServing
          pending={pending}
          onConfirm={() => void finish(pending)}
          onCancel={() => {
            setNotice({
              tone: 'warn',
              text: t('meals.notServed', {
                name: pending.member.name,
                meal: mealName(pending.mealType),
              }),
            });
            setPending(null);
            refocus();
          }}
        />
      )}
    </div>
  );
}

function NoticeLine({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <p className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}

function ServeView(props: {
  finder: React.RefObject<HTMLInputElement | null>;
  day: MealsDay;
  members: MemberDoc[];
  byId: Map<string, MemberDoc>;
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
  const { day, mealType, mode } = props;
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchPeople(props.members, query), [props.members, query]);
  const served = useMemo(
    () => new Set(day.servings.filter((s) => s.mealType === mealType).map((s) => s.memberId)),
    [day.servings, mealType],
  );

  const { selected, onKeyDown } = useFinderKeys(results, query, setQuery, {
    pick: (found) => {
      props.onServe(found);
      setQuery('');
    },
    noMatch: props.onNoMatch,
  });

  return (
    <div className="meals-serve">
      <section className="finder" aria-labelledby="meal-finder-label">
        <fieldset className="meal-pick">
          <legend>{t('meals.mealLabel')}</legend>
          {MEAL_TYPES.map((m) => (
            <label key={m} className={mealType === m ? 'pill on' : 'pill'}>
              <input
                type="radio"
                name="meal-type"
                checked={mealType === m}
                onChange={() => props.setMealType(m)}
              />
              {t(`meals.mealType.${m}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="meal-pick">
          <legend>{t('meals.modeLabel')}</legend>
          {SERVING_MODES.map((m) => (
            <label key={m} className={mode === m ? 'pill on' : 'pill'}>
              <input
                type="radio"
                name="serving-mode"
                checked={mode === m}
                onChange={() => props.setMode(m)}
              />
              {t(`meals.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        <label id="meal-finder-label" htmlFor="meal-finder">
          {t('meals.searchLabel')}
        </label>
        <input
          id="meal-finder"
          ref={props.finder}
          className="finder-input"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={query}
          placeholder={t('meals.searchPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p className="hint">{t('meals.hint')}</p>
        <NoticeLine notice={props.notice} />
        <ul className="results" aria-label="results">
          {results.map((m, index) => (
            <li key={m.id} className={index === selected ? 'result selected' : 'result'}>
              <span className="name">{m.name}</span>
              <span className="meta">
                {t(`kind.${m.kind}`)}
                {m.allergies?.length
                  ? ` · ${t('door.allergy', { allergies: m.allergies.join('、') })}`
                  : ''}
                {served.has(m.id) ? ` · ✓ ${t(`meals.mealType.${mealType}`)}` : ''}
              </span>
              <button type="button" onClick={() => props.onReserve(m)}>
                {t('meals.reserve')}
              </button>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  props.onServe(m);
                  setQuery('');
                }}
              >
                {t('meals.serve')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <div className="meals-side">
        <MenuPanel day={day} mealType={mealType} mayPlan={props.mayPlan} />
        <CountsPanel day={day} byId={props.byId} />
      </div>
    </div>
  );
}

function warningText(
  t: ReturnType<typeof useTranslation>['t'],
  w: ServingWarning,
  name: string,
  meal: string,
): string {
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
  return t('meals.warn.diet', { dish: w.dish, diet: t(`diet.${w.diet}`) });
}

/**
 * The warnings, big, before the meal is written. With an allergy the focus starts on "do not
 * serve", so a scanner's next Enter cannot confirm it: serving takes a deliberate press.
 */
function ConfirmServing({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: Pending;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const allergy = pending.warnings.filter(needsConfirm);
  const diet = pending.warnings.filter((w) => !needsConfirm(w));
  const meal = t(`meals.mealType.${pending.mealType}`);
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const first = allergy.length > 0 ? cancel : confirm;
  useEffect(() => {
    // After the dialog opens (showModal focuses its first control, the close button).
    const timer = setTimeout(() => first.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [first]);
  return (
    <Dialog
      title={t('meals.confirmTitle', { name: pending.member.name })}
      onClose={onCancel}
      className={allergy.length ? 'serving-check allergy' : 'serving-check'}
    >
      <p className="serving-what">
        {meal} · {t(`meals.mode.${pending.mode}`)}
      </p>
      {allergy.length > 0 && (
        <div className="serving-warnings allergy" role="alert">
          <h3>{t('meals.allergyHead')}</h3>
          <ul>
            {allergy.map((w, i) => (
              <li key={i}>{warningText(t, w, pending.member.name, meal)}</li>
            ))}
          </ul>
        </div>
      )}
      {diet.length > 0 && (
        <div className="serving-warnings diet">
          <h3>{t('meals.dietHead')}</h3>
          <ul>
            {diet.map((w, i) => (
              <li key={i}>{warningText(t, w, pending.member.name, meal)}</li>
            ))}
          </ul>
        </div>
      )}
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
          {t(allergy.length ? 'meals.confirmAllergy' : 'meals.confirmDiet')}
        </button>
      </div>
    </Dialog>
  );
}

const splitList = (text: string) =>
  text
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const NONE = ['无', 'none'];

interface DishDraft {
  name: string;
  allergens: string;
  suits: Diet[];
}

const draftOf = (d: Dish): DishDraft => ({
  name: d.name,
  allergens: d.allergens === undefined ? '' : d.allergens.length ? d.allergens.join('、') : '无',
  suits: d.suits ?? [],
});

function dishOf(d: DishDraft): Dish {
  const list = splitList(d.allergens);
  const none = list.length > 0 && list.every((a) => NONE.includes(a.toLowerCase()));
  return {
    name: d.name.trim(),
    ...(list.length ? { allergens: none ? [] : list } : {}),
    ...(d.suits.length ? { suits: d.suits } : {}),
  };
}

function MenuPanel({
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
        dishes: drafts.map(dishOf).filter((d) => d.name),
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
              setEditing(
                menu?.dishes.length
                  ? menu.dishes.map(draftOf)
                  : [{ name: '', allergens: '', suits: [] }],
              );
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
        <form
          aria-label={t('meals.editMenu')}
          onSubmit={(e) => {
            e.preventDefault();
            void save(editing);
          }}
        >
          <p className="hint">{t('meals.allergensHint')}</p>
          {editing.map((d, i) => (
            <fieldset key={i} className="dish-edit" aria-label={`${t('meals.dishName')} ${i + 1}`}>
              <label>
                {t('meals.dishName')}
                <input
                  value={d.name}
                  onChange={(e) =>
                    setEditing(
                      editing.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                    )
                  }
                />
              </label>
              <label>
                {t('meals.allergens')}
                <input
                  value={d.allergens}
                  onChange={(e) =>
                    setEditing(
                      editing.map((x, j) => (j === i ? { ...x, allergens: e.target.value } : x)),
                    )
                  }
                />
              </label>
              <span className="suits">
                {t('meals.suits')}
                {DIETS.map((diet) => (
                  <label key={diet} className="check">
                    <input
                      type="checkbox"
                      checked={d.suits.includes(diet)}
                      onChange={() =>
                        setEditing(
                          editing.map((x, j) =>
                            j === i
                              ? {
                                  ...x,
                                  suits: x.suits.includes(diet)
                                    ? x.suits.filter((s) => s !== diet)
                                    : [...x.suits, diet],
                                }
                              : x,
                          ),
                        )
                      }
                    />
                    {t(`diet.${diet}`)}
                  </label>
                ))}
              </span>
              <button type="button" onClick={() => setEditing(editing.filter((_, j) => j !== i))}>
                {t('meals.removeDish')}
              </button>
            </fieldset>
          ))}
          <div className="actions">
            <button
              type="button"
              onClick={() => setEditing([...editing, { name: '', allergens: '', suits: [] }])}
            >
              {t('meals.addDish')}
            </button>
            <button type="submit" className="primary">
              {t('meals.saveMenu')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
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

function CountsPanel({ day, byId }: { day: MealsDay; byId: Map<string, MemberDoc> }) {
  const { t } = useTranslation();
  const categories = [...new Set(day.counts.map((c) => c.subsidyCategory))];
  const cell = (meal: MealType, category: string | null) =>
    day.counts.find((c) => c.mealType === meal && c.subsidyCategory === category)?.count ?? 0;
  const mealTotal = (meal: MealType) =>
    day.counts.filter((c) => c.mealType === meal).reduce((n, c) => n + c.count, 0);
  const duplicates = day.counts.reduce((n, c) => n + c.duplicates, 0);
  const servedKeys = new Set(day.servings.map((s) => `${s.memberId}|${s.mealType}`));
  return (
    <section className="panel meal-counts" aria-labelledby="counts-title">
      <h2 id="counts-title">{t('meals.countsTitle')}</h2>
      <table className="grid" aria-labelledby="counts-title">
        <thead>
          <tr>
            <th>{t('meals.category')}</th>
            {MEAL_TYPES.map((m) => (
              <th key={m}>{t(`meals.mealType.${m}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c ?? 'none'}>
              <td>{categoryName(t, c)}</td>
              {MEAL_TYPES.map((m) => (
                <td key={m} className="num">
                  {cell(m, c)}
                </td>
              ))}
            </tr>
          ))}
          <tr className="total">
            <th>{t('meals.total')}</th>
            {MEAL_TYPES.map((m) => (
              <th key={m} className="num" data-meal={m}>
                {mealTotal(m)}
              </th>
            ))}
          </tr>
        </tbody>
      </table>
      {duplicates > 0 && <p className="hint">{t('meals.duplicates', { count: duplicates })}</p>}
      {MEAL_TYPES.map((m) => {
        const reserved = day.reservations.filter((r) => r.mealType === m);
        if (reserved.length === 0) return null;
        const waiting = reserved.filter((r) => !servedKeys.has(`${r.memberId}|${m}`));
        return (
          <p key={m} className="hint">
            {t('meals.reservedCount', {
              meal: t(`meals.mealType.${m}`),
              reserved: reserved.length,
              waiting: waiting.length,
              names: waiting.map((r) => byId.get(r.memberId ?? '')?.name ?? '?').join('、'),
            })}
          </p>
        );
      })}
    </section>
  );
}

function DeliveryView({
  day,
  byId,
  staffName,
  notice,
  setNotice,
  onServe,
}: {
  day: MealsDay;
  byId: Map<string, MemberDoc>;
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
            const member = byId.get(row.memberId);
            return (
              <DeliveryRowView
                key={`${row.memberId}|${row.mealType}`}
                name={member?.name ?? row.memberId}
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

function DeliveryRowView({
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
  const [at, setAt] = useState(() => format(new Date(), 'HH:mm'));
  const meal = t(`meals.mealType.${mealType}`);

  async function mark() {
    if (!serving) return;
    if (!by.trim()) return setNotice({ tone: 'warn', text: t('meals.byRequired') });
    // A text field, not <input type="time">: Chromium shows that as 07:31 PM whatever the language.
    const hhmm = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(at.trim());
    if (!hhmm) return setNotice({ tone: 'warn', text: t('meals.timeFormat') });
    try {
      await recordDelivery(desk, serving.id, {
        by,
        at: new Date(`${serving.day}T${hhmm[1]!.padStart(2, '0')}:${hhmm[2]}:00`),
      });
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
            ? t('meals.deliveredAt', { time: time(serving.deliveredAt), by: serving.deliveredBy })
            : t('meals.servedAt', { time: time(serving.servedAt ?? serving.createdAt) })}
      </span>
      {!serving && onServe && (
        <button type="button" className="primary" onClick={onServe}>
          {t('meals.serveNow')}
        </button>
      )}
      {serving && !serving.deliveredAt && (
        <>
          <label>
            {t('meals.deliveredBy')}{' '}
            <input value={by} onChange={(e) => setBy(e.target.value)} className="short" />
          </label>
          <label>
            {t('meals.deliveredTime')}{' '}
            <input
              className="time"
              inputMode="numeric"
              placeholder="12:05"
              value={at}
              onChange={(e) => setAt(e.target.value)}
            />
          </label>
          <button type="button" className="primary" onClick={() => void mark()}>
            {t('meals.markDelivered')}
          </button>
        </>
      )}
    </li>
  );
}

function SamplesView({ day, staffName }: { day: MealsDay; staffName: string }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const rules = useObservable(
    useMemo(() => dailyRules$(desk), [desk]),
    DEFAULT_DAILY_RULES,
  );
  const from = localDay(subDays(new Date(), 7));
  const status$ = useMemo(
    () => samples$(desk, from, day.day || localDay(new Date())),
    [desk, from, day.day],
  );
  const status = useObservable(status$, {
    samples: [],
    reminders: { discardable: [], underWeight: [], discardedEarly: [] },
    missing: [],
  } as SampleStatus);
  const [mealType, setMealType] = useState<MealType>(() => mealNow(new Date()));
  const [dish, setDish] = useState('');
  const [grams, setGrams] = useState(String(rules.foodSample.minGrams));
  const [takenBy, setTakenBy] = useState(staffName);
  const [notice, setNotice] = useState<Notice>(null);
  const menuDishes = day.menus.find((m) => m.mealType === mealType)?.dishes ?? [];
  const meal = (m: MealType) => t(`meals.mealType.${m}`);
  const { reminders, missing } = status;
  const nothing =
    missing.length +
      reminders.discardable.length +
      reminders.underWeight.length +
      reminders.discardedEarly.length ===
    0;

  async function save() {
    try {
      const n = Number(grams);
      await logSample(desk, { day: day.day, mealType, dish, grams: n, takenBy });
      setNotice({ tone: 'ok', text: t('meals.sampleSaved', { dish: dish.trim(), grams: n }) });
      setDish('');
    } catch (e) {
      const code = e instanceof Error ? e.message : '';
      setNotice({
        tone: 'error',
        text: ['dishRequired', 'takenByRequired', 'gramsRange'].includes(code)
          ? t(`meals.sampleProblem.${code}`)
          : saveErrorText(t, e),
      });
    }
  }

  return (
    <div className="meals-samples">
      <section className="panel" aria-labelledby="sample-reminders-title">
        <h2 id="sample-reminders-title">{t('meals.samplesTitle')}</h2>
        {nothing ? (
          <p className="empty">{t('meals.noReminders')}</p>
        ) : (
          <ul className="sample-reminders">
            {missing.map((m) => (
              <li key={`m-${m.mealType}-${m.dish}`} className="reminder warn">
                {t('meals.missing', { meal: meal(m.mealType), dish: m.dish })}
              </li>
            ))}
            {reminders.underWeight.map(({ sample, shortBy }) => (
              <li key={`u-${sample.id}`} className="reminder error">
                {t('meals.underWeight', {
                  dish: sample.dish,
                  grams: sample.grams,
                  shortBy,
                  min: rules.foodSample.minGrams,
                })}
              </li>
            ))}
            {reminders.discardable.map(({ sample }) => (
              <li key={`d-${sample.id}`} className="reminder ok">
                {t('meals.discardable', {
                  dish: sample.dish,
                  day: sample.day,
                  meal: meal(sample.mealType),
                  hours: rules.foodSample.keepHours,
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
              <li key={`e-${sample.id}`} className="reminder error">
                {t('meals.discardedEarly', {
                  dish: sample.dish,
                  day: sample.day,
                  meal: meal(sample.mealType),
                  until: format(parseISO(keepUntil), 'MM-dd HH:mm'),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
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
              {MEAL_TYPES.map((m) => (
                <option key={m} value={m}>
                  {meal(m)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('meals.dish')}{' '}
            <input list="sample-dishes" value={dish} onChange={(e) => setDish(e.target.value)} />
          </label>
          <datalist id="sample-dishes">
            {menuDishes.map((d) => (
              <option key={d.name} value={d.name} />
            ))}
          </datalist>
          <label>
            {t('meals.grams')}{' '}
            <input
              className="short"
              inputMode="numeric"
              value={grams}
              onChange={(e) => setGrams(e.target.value)}
            />
          </label>
          <label>
            {t('meals.takenBy')}{' '}
            <input className="short" value={takenBy} onChange={(e) => setTakenBy(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {t('meals.logSample')}
          </button>
        </form>
        <NoticeLine notice={notice} />
        {status.samples.length > 0 && (
          <table className="grid samples" aria-label={t('meals.samplesTitle')}>
            <thead>
              <tr>
                {(['when', 'meal', 'dish', 'grams', 'by', 'keepUntil', 'status'] as const).map(
                  (c) => (
                    <th key={c}>{t(`meals.sampleCols.${c}`)}</th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {status.samples.map((s) => (
                <tr key={s.id}>
                  <td>{format(parseISO(s.takenAt), 'MM-dd HH:mm')}</td>
                  <td>{meal(s.mealType)}</td>
                  <td>{s.dish}</td>
                  <td className="num">{s.grams}</td>
                  <td>{s.takenBy}</td>
                  <td>
                    {format(
                      addHours(parseISO(s.takenAt), rules.foodSample.keepHours),
                      'MM-dd HH:mm',
                    )}
                  </td>
                  <td>
                    {s.discardedAt
                      ? t('meals.discardedOn', {
                          time: format(parseISO(s.discardedAt), 'MM-dd HH:mm'),
                        })
                      : t('meals.kept')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
