import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { enterAddsRow } from '../kit/entryKeys';
import { InputField } from '../kit/Field';
import { useProblemAt, type FormValues } from './registerForm';

/** The form's adults: the guardian, each pick-up adult, the emergency contact. */
export type AdultPath = 'guardian' | 'emergency' | `pickupAdults.${number}`;

/**
 * One adult's name, relation and phone, as a named group (`children`: more of theirs, a photo).
 * Enter in it goes on to the next adult's group, or adds one after the last (`onAdd`), and never
 * saves the registration.
 */
export function AdultFields({
  legend,
  idPrefix,
  path,
  onAdd = null,
  children,
}: {
  legend: string;
  /** The fields' ids start with it (`guardian-name`, `pickup-0-phone`). */
  idPrefix: string;
  path: AdultPath;
  /** Adds another adult of the list (the pick-up adults), where one more may be added. */
  onAdd?: (() => void) | null;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { register } = useFormContext<FormValues>();
  const problemAt = useProblemAt();
  return (
    <fieldset className="field adult-fields" onKeyDown={enterAddsRow(onAdd)}>
      <legend>{legend}</legend>
      {(['name', 'relation', 'phone'] as const).map((f) => {
        const id = `${idPrefix}-${f}`;
        const problem = problemAt(`${path}.${f}`);
        return (
          <InputField
            key={f}
            id={id}
            label={t(`register.adult_${f}`)}
            error={problem}
            inline
            {...register(`${path}.${f}`)}
          />
        );
      })}
      {children}
    </fieldset>
  );
}
