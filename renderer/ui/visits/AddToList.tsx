import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, type RiskLevel } from '../../../shared/schemas/members';
import { peopleInCare$ } from '../../data/people';
import { listElder } from '../../data/visits';
import { useDesk } from '../app/DeskContext';
import { InputField, Options, SelectField } from '../kit/Field';
import { useDeskRead } from '../kit/hooks';
import { NoticeLine } from '../kit/Notice';
import { careErrors } from '../kit/careErrors';
import { TitledForm } from '../kit/TitledForm';
import { compareNames } from '../../../shared/search';
import { dayInput } from '../kit/dayInput';

/** Puts an elder in the centre's care on the visit list, with a risk level and the day listed. */
export function AddToList({
  listedIds,
  today,
  onAdded,
}: {
  listedIds: Set<string>;
  today: string;
  onAdded(text: string): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const elders = useDeskRead(peopleInCare$, [], 'elder');
  const [memberId, setMemberId] = useState('');
  const [risk, setRisk] = useState<RiskLevel>('key');
  const [listedOn, setListedOn] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const choices = elders.filter((e) => !listedIds.has(e.id)).sort(compareNames);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!memberId) return setErrors({ memberId: t('care.problem_required') });
    try {
      await listElder(desk, { memberId, risk, listedOn });
      const name = elders.find((e) => e.id === memberId)?.name ?? '';
      setErrors({});
      setMemberId('');
      setListedOn(today);
      onAdded(t('visits.added', { name, risk: t(`visits.risk_${risk}`) }));
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  return (
    <TitledForm
      titleId="add-listing-title"
      title={t('visits.addTitle')}
      className="panel add-listing"
      onSubmit={add}
    >
      <div className="add-row">
        <SelectField
          id="listing-elder"
          label={t('visits.elder')}
          error={errors.memberId}
          value={memberId}
          onChange={(e) => setMemberId(e.target.value)}
        >
          <Options
            options={choices}
            label={(e) => (
              <>
                {e.name}（{e.birthDate}）
              </>
            )}
            value={(e) => e.id}
            none={t('visits.pickElder')}
          />
        </SelectField>
        <SelectField
          id="listing-risk"
          label={t('visits.risk')}
          value={risk}
          onChange={(e) => setRisk(e.target.value as RiskLevel)}
        >
          <Options options={RISK_LEVELS} label={(r) => t(`visits.risk_${r}`)} />
        </SelectField>
        <InputField
          id="listing-on"
          label={t('visits.listedOn')}
          error={errors.listedOn}
          {...dayInput(listedOn, setListedOn, t('register.datePlaceholder'))}
        />
        <button type="submit" className="primary big">
          {t('visits.add')}
        </button>
      </div>
      <NoticeLine tone="error" text={errors.form} />
    </TitledForm>
  );
}
