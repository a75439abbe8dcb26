import { useCallback } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { readDay } from '../../../shared/rules/dates';
import { DIETS } from '../../../shared/schemas/members';
import { checkIdCard } from '../../../shared/validation/idcard';
import { enterEndsItem } from '../kit/entryKeys';
import { Choices } from './Choices';
import { useProblemAt, type FormValues } from './registerForm';
import { TextField } from './TextField';
import { PinyinField } from './PinyinField';

/** Who the person is, the same for elders and children: name, ID, gender, birth, phone, diet. */
export function PersonFields() {
  const { t } = useTranslation();
  const { getValues, setValue, watch } = useFormContext<FormValues>();
  const setPinyin = useCallback((v: string) => setValue('pinyin', v), [setValue]);
  const problemAt = useProblemAt();

  /** Typing a valid ID number fills in what it already says. */
  function fillFromIdNumber() {
    const id = checkIdCard(getValues('idNumber'));
    if (!id.ok) return;
    if (!getValues('birthDate')) setValue('birthDate', id.birthDate);
    if (!getValues('gender')) setValue('gender', id.gender);
  }

  return (
    <div>
      <TextField path="name" label={t('register.name')} autoFocus />
      <PinyinField id="pinyin" name={watch('name')} value={watch('pinyin')} onChange={setPinyin} />
      <TextField
        path="idNumber"
        label={t('register.idNumber')}
        hint={t('register.idFills')}
        inputMode="text"
        maxLength={18}
        onBlur={fillFromIdNumber}
      />
      <Choices
        legend={t('register.gender')}
        path="gender"
        options={['M', 'F'] as const}
        label={(g) => t(`gender.${g}`)}
        problem={problemAt('gender')}
      />
      {/* Not <input type="date">: Chromium shows that as mm/dd/yyyy on an English system. */}
      <TextField
        path="birthDate"
        label={t('register.birthDate')}
        inputMode="numeric"
        placeholder={t('register.datePlaceholder')}
        onBlur={() => {
          const day = readDay(getValues('birthDate'));
          if (day) setValue('birthDate', day);
        }}
      />
      <TextField path="phone" label={t('register.phone')} type="tel" inputMode="tel" />
      <TextField
        path="allergies"
        label={t('register.allergies')}
        placeholder={t('register.allergiesHint')}
        onKeyDown={enterEndsItem}
      />
      <Choices
        legend={t('register.diets')}
        path="diets"
        options={DIETS}
        label={(d) => t(`diet.${d}`)}
      />
    </div>
  );
}
