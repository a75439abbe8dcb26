import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import type { MealClaim } from '../../../shared/rules/meals';
import { recentMonths } from '../../../shared/rules/months';
import { mealClaim$ } from '../../data/meals';
import { useDeskRead } from '../kit/hooks';
import { ClaimSheet } from './ClaimSheet';
import { ClaimTables } from './ClaimTables';
import { Options } from '../kit/Field';

const EMPTY: MealClaim = { month: '', categories: [], count: 0, amountFen: 0, excluded: [] };

/** The monthly meal subsidy claim per subsidy category, on screen and as a printed sheet. */
export function MealClaimView({ nameOf }: { nameOf(memberId: string): string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => format(new Date(), 'yyyy-MM'));
  const [printing, setPrinting] = useState(false);
  const claim = useDeskRead(mealClaim$, EMPTY, month);
  return (
    <section className="panel meal-claim" aria-labelledby="claim-title">
      <div className="section-head">
        <h2 id="claim-title">{t('meals.claimTitle', { month })}</h2>
        <label>
          {t('meals.month')}{' '}
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            <Options
              options={recentMonths(new Date())}
              label={(m) =>
                t('meals.monthOption', { year: m.slice(0, 4), month: Number(m.slice(5)) })
              }
            />
          </select>
        </label>
        <button type="button" className="primary" onClick={() => setPrinting(true)}>
          {t('meals.print')}
        </button>
      </div>
      <ClaimTables claim={claim} nameOf={nameOf} />
      {printing && <ClaimSheet claim={claim} nameOf={nameOf} onClose={() => setPrinting(false)} />}
    </section>
  );
}
