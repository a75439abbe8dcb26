import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { format, subMonths } from 'date-fns';
import { MEAL_TYPES, type MealClaim } from '../../../shared/rules/meals';
import { DEFAULT_DAILY_RULES } from '../../../shared/rules/dailySettings';
import type { MemberDoc } from '../../../shared/schemas';
import { mealClaim$, yuan } from '../../data/meals';
import { dailyRulesInForce$ } from '../../data/rules';
import { useDesk } from '../app/DeskContext';
import { useObservable, usePrintingSheet } from '../kit/hooks';

/** A subsidy category's name; a code the desk has no words for is shown as it is. */
export function categoryName(t: ReturnType<typeof useTranslation>['t'], code: string | null) {
  const key = code ?? 'none';
  return t(`meals.categoryName.${key}`, { defaultValue: key });
}

/** This month and the 23 before it, newest first ('yyyy-MM'). */
function recentMonths(now: Date): string[] {
  return Array.from({ length: 24 }, (_, i) => format(subMonths(now, i), 'yyyy-MM'));
}

const EMPTY: MealClaim = { month: '', categories: [], count: 0, amountFen: 0, excluded: [] };

/** The monthly meal subsidy claim per subsidy category, on screen and as a printed sheet. */
export function MealClaimView({ byId }: { byId: Map<string, MemberDoc> }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [month, setMonth] = useState(() => format(new Date(), 'yyyy-MM'));
  const [printing, setPrinting] = useState(false);
  const claim$ = useMemo(() => mealClaim$(desk, month), [desk, month]);
  const claim = useObservable(claim$, EMPTY);
  return (
    <section className="panel meal-claim" aria-labelledby="claim-title">
      <div className="section-head">
        <h2 id="claim-title">{t('meals.claimTitle', { month })}</h2>
        <label>
          {t('meals.month')}{' '}
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            {recentMonths(new Date()).map((m) => (
              <option key={m} value={m}>
                {t('meals.monthOption', { year: m.slice(0, 4), month: Number(m.slice(5)) })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => setPrinting(true)}>
          {t('meals.print')}
        </button>
      </div>
      <ClaimTables claim={claim} byId={byId} />
      {printing && <ClaimSheet claim={claim} byId={byId} onClose={() => setPrinting(false)} />}
    </section>
  );
}

function ClaimTables({
  claim,
  byId,
  sheet = false,
}: {
  claim: MealClaim;
  byId: Map<string, MemberDoc>;
  sheet?: boolean;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const inForce = useObservable(
    useMemo(() => dailyRulesInForce$(desk), [desk]),
    null,
  );
  const rules = inForce?.rules ?? DEFAULT_DAILY_RULES;
  const meal = (m: string) => t(`meals.mealType.${m}`);
  return (
    <>
      {claim.categories.length === 0 ? (
        <p className="empty">{t('meals.noClaim')}</p>
      ) : (
        <table className="grid claim" aria-label={t('meals.claimTitle', { month: claim.month })}>
          <thead>
            <tr>
              <th rowSpan={2}>{t('meals.claimCols.category')}</th>
              {MEAL_TYPES.map((m) => (
                <th key={m} colSpan={2}>
                  {meal(m)}
                </th>
              ))}
              <th colSpan={2}>{t('meals.total')}</th>
            </tr>
            <tr>
              {[...MEAL_TYPES, 'total'].map((m) => [
                <th key={`${m}-n`}>{t('meals.claimCols.meals')}</th>,
                <th key={`${m}-a`}>{t('meals.claimCols.amount')}</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {claim.categories.map((c) => (
              <tr key={c.subsidyCategory} data-category={c.subsidyCategory}>
                <td>
                  {categoryName(t, c.subsidyCategory)}
                  <span className="rate">
                    {t('meals.rates', {
                      list: MEAL_TYPES.map((m) => {
                        const fen = rules.mealSubsidies[c.subsidyCategory]?.[m];
                        return fen === undefined ? null : `${meal(m)} ${yuan(fen)}`;
                      })
                        .filter(Boolean)
                        .join(' · '),
                    })}
                  </span>
                </td>
                {MEAL_TYPES.map((m) => [
                  <td key={`${m}-n`} className="num">
                    {c.byMealType[m].count}
                  </td>,
                  <td key={`${m}-a`} className="num">
                    {yuan(c.byMealType[m].amountFen)}
                  </td>,
                ])}
                <td className="num">{c.count}</td>
                <td className="num strong">{yuan(c.amountFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={7}>{t('meals.total')}</th>
              <th className="num">{claim.count}</th>
              <th className="num">{yuan(claim.amountFen)}</th>
            </tr>
          </tfoot>
        </table>
      )}
      <p className="claim-total" role="status">
        {t('meals.claimTotal', { count: claim.count, amount: yuan(claim.amountFen) })}
      </p>
      <p className="hint">
        {inForce?.district
          ? t('meals.rulesFromDistrict', { title: inForce.district.title })
          : t('meals.rulesNote')}
      </p>
      {claim.excluded.length > 0 && (
        <details className="excluded" open={sheet}>
          <summary>{t('meals.excludedTitle', { count: claim.excluded.length })}</summary>
          <table className="grid">
            <thead>
              <tr>
                {(['day', 'meal', 'name', 'category', 'reason'] as const).map((c) => (
                  <th key={c}>{t(`meals.excludedCols.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {claim.excluded.map((e) => (
                <tr key={e.servingId}>
                  <td>{e.day}</td>
                  <td>{meal(e.mealType)}</td>
                  <td>{byId.get(e.memberId)?.name ?? e.memberId}</td>
                  <td>{categoryName(t, e.subsidyCategory)}</td>
                  <td>{t(`meals.excludedReason.${e.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}

/** The claim as a printed sheet (like the roll call): only the sheet prints. */
function ClaimSheet({
  claim,
  byId,
  onClose,
}: {
  claim: MealClaim;
  byId: Map<string, MemberDoc>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  usePrintingSheet();
  return createPortal(
    <div className="sheet claim-sheet" role="dialog" aria-labelledby="claim-sheet-title">
      <div className="sheet-actions no-print">
        <button type="button" className="primary big" onClick={() => window.print()}>
          {t('meals.printNow')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <h1 id="claim-sheet-title">{t('meals.claimTitle', { month: claim.month })}</h1>
      <p>
        {[desk.settings.centreName, format(new Date(), 'yyyy-MM-dd HH:mm')]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <ClaimTables claim={claim} byId={byId} sheet />
    </div>,
    document.body,
  );
}
