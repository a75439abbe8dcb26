import { useState } from 'react';
import { useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { checkIdCard } from '../../shared/validation/idcard';
import { validateMemberInput, type MemberInput } from '../../shared/validation/member';
import { registerMember } from '../data/members';
import { useDesk } from './DeskContext';

const EMPTY: MemberInput = {
  kind: 'elder',
  name: '',
  gender: '',
  birthDate: '',
  idNumber: '',
  phone: '',
  note: '',
};

/** The same rules as everywhere else (shared/validation/member.ts), as a react-hook-form resolver. */
const memberResolver: Resolver<MemberInput> = async (values) => {
  const result = validateMemberInput(values);
  if (result.ok) return { values, errors: {} };
  const errors: FieldErrors<MemberInput> = {};
  for (const { field, problem } of result.errors) {
    errors[field] ??= { type: 'validate', message: problem };
  }
  return { values: {}, errors };
};

export function RegisterScreen({ onRegistered }: { onRegistered(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setValue,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<MemberInput>({ defaultValues: EMPTY, resolver: memberResolver });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = validateMemberInput(values);
    if (!result.ok) return;
    try {
      const member = await registerMember(desk, result.value);
      setSaved(t('register.saved', { name: member.name }));
      reset(EMPTY);
    } catch (e) {
      setFailure(t('checkIn.failed', { message: (e as Error).message }));
    }
  });

  /** Typing a valid ID number fills in what it already says. */
  function fillFromIdNumber() {
    const id = checkIdCard(getValues('idNumber'));
    if (!id.ok) return;
    if (!getValues('birthDate')) setValue('birthDate', id.birthDate);
    if (!getValues('gender')) setValue('gender', id.gender);
  }

  const error = (field: keyof MemberInput) =>
    errors[field] ? (
      <span className="field-error" role="alert" id={`${field}-error`}>
        {t(`problem.${errors[field]?.message}`)}
      </span>
    ) : null;
  const describedBy = (field: keyof MemberInput) => (errors[field] ? `${field}-error` : undefined);

  return (
    <form
      className="register"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="register-title"
    >
      <h2 id="register-title">{t('register.title')}</h2>
      {saved && (
        <p className="notice ok" role="status">
          {saved}{' '}
          <button type="button" className="link" onClick={onRegistered}>
            {t('nav.checkIn')}
          </button>
        </p>
      )}
      {failure && (
        <p className="notice error" role="alert">
          {failure}
        </p>
      )}
      <fieldset className="field">
        <legend>{t('register.kind')}</legend>
        <label className="choice">
          <input type="radio" value="elder" {...register('kind')} /> {t('kind.elder')}
        </label>
        <label className="choice">
          <input type="radio" value="child" {...register('kind')} /> {t('kind.child')}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="name">{t('register.name')}</label>
        <input
          id="name"
          autoFocus
          aria-invalid={!!errors.name}
          aria-describedby={describedBy('name')}
          {...register('name')}
        />
        {error('name')}
      </div>
      <div className="field">
        <label htmlFor="idNumber">{t('register.idNumber')}</label>
        <input
          id="idNumber"
          inputMode="text"
          maxLength={18}
          aria-invalid={!!errors.idNumber}
          aria-describedby={describedBy('idNumber') ?? 'idNumber-help'}
          {...register('idNumber', { onBlur: fillFromIdNumber })}
        />
        <span className="help" id="idNumber-help">
          {t('register.idFills')}
        </span>
        {error('idNumber')}
      </div>
      <fieldset className="field" aria-invalid={!!errors.gender}>
        <legend>{t('register.gender')}</legend>
        <label className="choice">
          <input type="radio" value="M" {...register('gender')} /> {t('gender.M')}
        </label>
        <label className="choice">
          <input type="radio" value="F" {...register('gender')} /> {t('gender.F')}
        </label>
        {error('gender')}
      </fieldset>
      <div className="field">
        <label htmlFor="birthDate">{t('register.birthDate')}</label>
        <input
          id="birthDate"
          type="date"
          aria-invalid={!!errors.birthDate}
          aria-describedby={describedBy('birthDate')}
          {...register('birthDate')}
        />
        {error('birthDate')}
      </div>
      <div className="field">
        <label htmlFor="phone">{t('register.phone')}</label>
        <input
          id="phone"
          type="tel"
          inputMode="tel"
          aria-invalid={!!errors.phone}
          aria-describedby={describedBy('phone')}
          {...register('phone')}
        />
        {error('phone')}
      </div>
      <div className="field">
        <label htmlFor="note">{t('register.note')}</label>
        <textarea id="note" rows={2} {...register('note')} />
        {error('note')}
      </div>
      <button type="submit" className="primary big" disabled={isSubmitting}>
        {t('register.save')}
      </button>
    </form>
  );
}
