import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { classForAge } from '../../../shared/rules/people';
import { CHILD_CLASSES } from '../../../shared/schemas/members';
import { localDay } from '../../../shared/time';
import { InputField, Options, SelectField } from '../kit/Field';
import { AdultFields } from './AdultFields';
import { NO_ADULT, useProblemAt, type FormValues } from './registerForm';
import { smallPhoto } from './smallPhoto';
import { CheckBox } from '../../../shared/ui/LabelledInput';

/** A child may have this many pick-up adults on their list. */
const MOST_PICKUP_ADULTS = 4;

/** What only a child's registration asks: class, guardian, pick-up adults, vaccination check. */
export function ChildFields() {
  const { t } = useTranslation();
  const { register, control, setValue, watch } = useFormContext<FormValues>();
  const pickups = useFieldArray({ control, name: 'pickupAdults' });
  const problemAt = useProblemAt();
  const birthDate = watch('birthDate');
  // react-hook-form puts the cursor in the new adult's first field.
  const addPickup =
    pickups.fields.length < MOST_PICKUP_ADULTS ? () => pickups.append({ ...NO_ADULT }) : null;
  return (
    <>
      <SelectField id="childClass" label={t('register.childClass')} {...register('childClass')}>
        <Options
          options={CHILD_CLASSES}
          label={(c) => t(`childClass.${c}`)}
          none={
            birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate)
              ? t('register.classByAge', {
                  cls: t(`childClass.${classForAge(birthDate, localDay(new Date()))}`),
                })
              : '—'
          }
        />
      </SelectField>
      <AdultFields legend={t('register.guardian')} idPrefix="guardian" path="guardian">
        <CheckBox label={t('register.guardianPicksUp')} {...register('guardianPicksUp')} />
        <p className="hint">{t('register.guardianPicksUpHint')}</p>
      </AdultFields>
      {pickups.fields.map((field, i) => (
        <AdultFields
          key={field.id}
          legend={t('register.pickupAdult', { n: i + 1 })}
          idPrefix={`pickup-${i}`}
          path={`pickupAdults.${i}`}
          onAdd={addPickup}
        >
          <InputField
            id={`pickup-${i}-photo`}
            label={t('register.adult_photo')}
            error={problemAt(`pickupAdults.${i}.photo`)}
            inline
            type="file"
            accept="image/*"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file)
                void smallPhoto(file).then((url) => setValue(`pickupAdults.${i}.photo`, url));
            }}
          />
        </AdultFields>
      ))}
      {addPickup && (
        <button type="button" onClick={addPickup}>
          {t('register.addPickup')}
        </button>
      )}
      <CheckBox label={t('register.vaccinationChecked')} {...register('vaccinationChecked')} />
    </>
  );
}
