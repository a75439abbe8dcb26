import { useTranslation } from 'react-i18next';
import { ELDER_CATEGORIES } from '../../../shared/schemas/members';
import { enterEndsItem } from '../kit/entryKeys';
import { Choices } from './Choices';
import { TextField } from './TextField';

/**
 * What only an elder's registration asks: subsidy categories, conditions. The ability level is not
 * typed: it comes from an assessment to GB/T 42195-2022 (AssessmentPanel).
 */
export function ElderFields() {
  const { t } = useTranslation();
  return (
    <>
      <Choices
        legend={t('register.categories')}
        path="categories"
        options={ELDER_CATEGORIES}
        label={(c) => t(`category.${c}`)}
      />
      <TextField
        path="chronicConditions"
        label={t('register.chronicConditions')}
        onKeyDown={enterEndsItem}
      />
    </>
  );
}
