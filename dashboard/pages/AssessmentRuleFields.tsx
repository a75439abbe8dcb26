import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ABILITY_LEVELS, RISK_LEVELS } from '../../shared/schemas/members';
import type { RulesValues } from '../rules';

/**
 * What each ability level (GB/T 42195-2022) sets at the centres: the visit-list risk ('none': not
 * listed by the level) and the meal subsidy category code ('' for none).
 */
export function AssessmentLevelFields({ form }: { form: UseFormReturn<RulesValues> }) {
  const { t } = useTranslation();
  return (
    <table className="level-map" aria-label={t('publish.rules.assessment.levels')}>
      <thead>
        <tr>
          <th>{t('publish.rules.assessment.level')}</th>
          <th>{t('publish.rules.assessment.visitRisk')}</th>
          <th>{t('publish.rules.assessment.subsidyCategory')}</th>
        </tr>
      </thead>
      <tbody>
        {ABILITY_LEVELS.map((level) => (
          <tr key={level}>
            <th scope="row">{t(`reports.assessments.level.${level}`)}</th>
            <td>
              <select
                aria-label={`${t(`reports.assessments.level.${level}`)} ${t('publish.rules.assessment.visitRisk')}`}
                {...form.register(`assessment.visitRisk.${level}`)}
              >
                <option value="none">{t('publish.rules.assessment.noRisk')}</option>
                {RISK_LEVELS.map((r) => (
                  <option key={r} value={r}>
                    {t(`risk.${r}`)}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <input
                aria-label={`${t(`reports.assessments.level.${level}`)} ${t('publish.rules.assessment.subsidyCategory')}`}
                maxLength={40}
                {...form.register(`assessment.subsidyCategory.${level}`)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
