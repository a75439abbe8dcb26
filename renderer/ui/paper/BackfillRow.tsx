import { useTranslation } from 'react-i18next';
import {
  PICKUP_OTHER,
  type PaperField,
  type PaperProblem,
  type PaperRowEntry,
} from '../../../shared/rules/paper';
import type { StaffDoc } from '../../../shared/schemas';
import type { MemberDoc } from '../../../shared/schemas';
import { useNameOf } from '../kit/PersonName';
import { timeInput } from '../kit/dayInput';

/** A problem in words: the field it is about, what is wrong and how to fix it. */
export function useProblemText() {
  const { t } = useTranslation();
  return (p: PaperProblem) =>
    `${t(`paper.field.${p.field}`)}：${t(`paper.problem.${p.code}`, { from: p.from, to: p.to || t('paper.stillOpen') })}`;
}

/** One row of the paper sheet being typed in: the boxes of the paper, and what is wrong with it. */
export function BackfillRow({
  member,
  managers,
  row,
  problems,
  onChange,
  onRemove,
}: {
  member: MemberDoc;
  /** The centre's managers, one of whom let a child go with someone not on the list. */
  managers: readonly Pick<StaffDoc, 'id' | 'name'>[];
  row: PaperRowEntry;
  problems: readonly PaperProblem[];
  onChange(row: PaperRowEntry): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const problemText = useProblemText();
  const name = nameOf(member);
  const set = (patch: Partial<PaperRowEntry>) => onChange({ ...row, ...patch });
  const setOther = (patch: Partial<PaperRowEntry['pickupOther']>) =>
    set({ pickupOther: { ...row.pickupOther, ...patch } });
  const child = member.kind === 'child';
  const bad = (field: PaperField) => problems.some((p) => p.field === field);
  const label = (
    key:
      | 'paper.timeIn'
      | 'paper.timeOut'
      | 'paper.pickedUpBy'
      | 'paper.otherName'
      | 'paper.otherRelation'
      | 'paper.otherManager'
      | 'paper.otherReason'
      | 'paper.mealTick'
      | 'paper.deliveredBy'
      | 'paper.deliveredAt'
      | 'paper.temperature'
      | 'paper.outcomeChoose'
      | 'paper.remove',
  ) => `${name} ${t(key)}`;
  return (
    <tr data-testid="backfill-row" className={problems.length ? 'refused' : undefined}>
      <td>
        <strong>{name}</strong>
        <br />
        {t(`kind.${member.kind}`)}
        {problems.length > 0 && (
          <ul className="row-problems" role="alert">
            {problems.map((p, i) => (
              <li key={i}>{problemText(p)}</li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <input
          className="time"
          aria-label={label('paper.timeIn')}
          aria-invalid={bad('timeIn') || undefined}
          {...timeInput(row.timeIn, (timeIn) => set({ timeIn }))}
        />
      </td>
      <td>
        <input
          className="time"
          aria-label={label('paper.timeOut')}
          aria-invalid={bad('timeOut') || undefined}
          {...timeInput(row.timeOut, (timeOut) => set({ timeOut }), '16:30')}
        />
      </td>
      <td>
        {child ? (
          <select
            aria-label={label('paper.pickedUpBy')}
            aria-invalid={bad('pickup') || undefined}
            value={row.pickupAdultId}
            onChange={(e) => set({ pickupAdultId: e.target.value })}
          >
            <option value="">{t('paper.pickupChoose')}</option>
            {(member.pickupAdults ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}（{a.relation}）
              </option>
            ))}
            <option value={PICKUP_OTHER}>{t('paper.pickupOther')}</option>
          </select>
        ) : (
          '—'
        )}
        {child && row.pickupAdultId === PICKUP_OTHER && (
          <div className="pickup-other">
            <input
              aria-label={label('paper.otherName')}
              aria-invalid={bad('pickup') || undefined}
              placeholder={t('paper.otherName')}
              value={row.pickupOther.name}
              onChange={(e) => setOther({ name: e.target.value })}
            />
            <input
              aria-label={label('paper.otherRelation')}
              placeholder={t('paper.otherRelation')}
              value={row.pickupOther.relation}
              onChange={(e) => setOther({ relation: e.target.value })}
            />
            <select
              aria-label={label('paper.otherManager')}
              aria-invalid={bad('pickup') || undefined}
              value={row.pickupOther.managerId}
              onChange={(e) => setOther({ managerId: e.target.value })}
            >
              <option value="">{t('paper.otherManager')}</option>
              {managers.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
            <input
              aria-label={label('paper.otherReason')}
              aria-invalid={bad('pickup') || undefined}
              placeholder={t('paper.otherReason')}
              value={row.pickupOther.reason}
              onChange={(e) => setOther({ reason: e.target.value })}
            />
          </div>
        )}
      </td>
      <td>
        <label className="tick-box">
          <input
            type="checkbox"
            aria-label={label('paper.mealTick')}
            checked={row.meal}
            onChange={(e) => set({ meal: e.target.checked })}
          />
        </label>
        {row.meal && (
          <div className="delivery">
            <input
              aria-label={label('paper.deliveredBy')}
              aria-invalid={bad('delivery') || undefined}
              placeholder={t('paper.deliveredBy')}
              value={row.deliveredBy}
              onChange={(e) => set({ deliveredBy: e.target.value })}
            />
            <input
              className="time"
              aria-label={label('paper.deliveredAt')}
              {...timeInput(row.deliveredAt, (deliveredAt) => set({ deliveredAt }), '11:30')}
            />
          </div>
        )}
      </td>
      <td>
        {child ? (
          <>
            <input
              className="temperature"
              inputMode="decimal"
              aria-label={label('paper.temperature')}
              aria-invalid={bad('temperature') || undefined}
              placeholder="36.5"
              value={row.temperature}
              onChange={(e) => set({ temperature: e.target.value })}
            />{' '}
            ℃{' '}
            <select
              aria-label={label('paper.outcomeChoose')}
              aria-invalid={bad('checkOutcome') || undefined}
              value={row.checkOutcome}
              onChange={(e) =>
                set({ checkOutcome: e.target.value as PaperRowEntry['checkOutcome'] })
              }
            >
              <option value="">{t('paper.outcomeChoose')}</option>
              <option value="admitted">{t('paper.outcome_admitted')}</option>
              <option value="sentHome">{t('paper.outcome_sentHome')}</option>
            </select>
          </>
        ) : (
          '—'
        )}
      </td>
      <td>
        <button type="button" onClick={onRemove} aria-label={label('paper.remove')}>
          {t('paper.remove')}
        </button>
      </td>
    </tr>
  );
}
