import { useState } from 'react';
import { useFieldArray, useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { classForAge } from '../../shared/rules/people';
import {
  ABILITY_LEVELS,
  CHILD_CLASSES,
  DIETS,
  ELDER_CATEGORIES,
} from '../../shared/schemas/members';
import { localDay } from '../../shared/time';
import { validateDetails, type DetailsInput } from '../../shared/validation/details';
import { checkIdCard } from '../../shared/validation/idcard';
import { validateMemberInput, type MemberInput } from '../../shared/validation/member';
import { registerMember } from '../data/members';
import { useDesk } from './DeskContext';
import { saveErrorText } from './errors';

interface FormValues extends MemberInput, DetailsInput {
  consentGiven: boolean;
  consentBy: string;
  consentRelation: string;
}

const NO_ADULT = { name: '', relation: '', phone: '' };
const EMPTY: FormValues = {
  kind: 'elder',
  name: '',
  gender: '',
  birthDate: '',
  idNumber: '',
  phone: '',
  note: '',
  allergies: '',
  diets: [],
  categories: [],
  abilityLevel: '',
  chronicConditions: '',
  childClass: '',
  guardian: { ...NO_ADULT },
  pickupAdults: [{ ...NO_ADULT }],
  vaccinationChecked: false,
  emergency: { ...NO_ADULT },
  consentGiven: false,
  consentBy: '',
  consentRelation: '',
};

/** Puts `message` at a dotted path (`pickupAdults.1.phone`) of react-hook-form's error tree. */
function setError(errors: Record<string, unknown>, path: string, message: string) {
  const parts = path.split('.');
  let node = errors;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] ??= { type: 'validate', message };
}

/** The same rules as the import and the server (shared/validation), as one resolver. */
const memberResolver: Resolver<FormValues> = async (values) => {
  const errors: Record<string, unknown> = {};
  const base = validateMemberInput(values);
  if (!base.ok) for (const e of base.errors) setError(errors, e.field, e.problem);
  const details = validateDetails(values.kind, values, localDay(new Date()));
  if (!details.ok) for (const e of details.errors) setError(errors, e.field, e.problem);
  if (values.consentGiven) {
    if (!values.consentBy.trim()) setError(errors, 'consentBy', 'required');
    if (!values.consentRelation.trim()) setError(errors, 'consentRelation', 'required');
  }
  return Object.keys(errors).length
    ? { values: {}, errors: errors as FieldErrors<FormValues> }
    : { values, errors: {} };
};

/** A small square JPEG of a photo, so a pick-up adult's face fits in the record (≤ 60 KB). */
async function smallPhoto(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const side = 160;
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const scale = Math.max(side / bitmap.width, side / bitmap.height);
  const w = bitmap.width * scale;
  const h = bitmap.height * scale;
  canvas.getContext('2d')!.drawImage(bitmap, (side - w) / 2, (side - h) / 2, w, h);
  return canvas.toDataURL('image/jpeg', 0.75);
}

/** A message that has just appeared is scrolled into view (clear of the status bar). */
const intoView = (el: HTMLElement | null) => el?.scrollIntoView({ block: 'nearest' });

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
    watch,
    control,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ defaultValues: EMPTY, resolver: memberResolver });
  const pickups = useFieldArray({ control, name: 'pickupAdults' });
  const kind = watch('kind');
  const consentGiven = watch('consentGiven');
  const birthDate = watch('birthDate');

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const today = localDay(new Date());
    const base = validateMemberInput(values);
    const details = validateDetails(values.kind, values, today);
    if (!base.ok || !details.ok) return;
    const cleanDetails = { ...details.value };
    if (values.kind === 'child' && !cleanDetails.childClass)
      cleanDetails.childClass = classForAge(base.value.birthDate, today);
    try {
      const member = await registerMember(
        desk,
        base.value,
        new Date(),
        cleanDetails,
        values.consentGiven
          ? {
              givenBy: values.consentBy.trim(),
              relation: values.consentRelation.trim(),
              scopes:
                values.kind === 'child'
                  ? ['childData', 'health', 'photo', 'districtSharing']
                  : ['idNumber', 'health', 'districtSharing'],
            }
          : undefined,
      );
      setSaved(t('register.saved', { name: member.name, card: member.cardNo }));
      reset(EMPTY);
    } catch (e) {
      setFailure(saveErrorText(t, e));
    }
  });

  /** Typing a valid ID number fills in what it already says. */
  function fillFromIdNumber() {
    const id = checkIdCard(getValues('idNumber'));
    if (!id.ok) return;
    if (!getValues('birthDate')) setValue('birthDate', id.birthDate);
    if (!getValues('gender')) setValue('gender', id.gender);
  }

  /** The error message at a path of the error tree, if any. */
  const messageAt = (path: string): string | undefined => {
    let node: unknown = errors;
    for (const part of path.split('.'))
      node = (node as Record<string, unknown> | undefined)?.[part];
    return (node as { message?: string } | undefined)?.message;
  };
  const errorId = (path: string) => `${path.replace(/\./g, '-')}-error`;
  const error = (path: string) => {
    const message = messageAt(path);
    return message ? (
      <span className="field-error" role="alert" id={errorId(path)}>
        {t(`problem.${message}`)}
      </span>
    ) : null;
  };
  const aria = (path: string) => ({
    'aria-invalid': !!messageAt(path),
    'aria-describedby': messageAt(path) ? errorId(path) : undefined,
  });

  return (
    <form
      className="register"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="register-title"
    >
      <h2 id="register-title">{t('register.title')}</h2>
      <fieldset className="field">
        <legend>{t('register.kind')}</legend>
        <label className="choice">
          <input type="radio" value="elder" {...register('kind')} /> {t('kind.elder')}
        </label>
        <label className="choice">
          <input type="radio" value="child" {...register('kind')} /> {t('kind.child')}
        </label>
      </fieldset>
      <div className="columns">
        <div>
          <div className="field">
            <label htmlFor="name">{t('register.name')}</label>
            <input id="name" autoFocus {...aria('name')} {...register('name')} />
            {error('name')}
          </div>
          <div className="field">
            <label htmlFor="idNumber">{t('register.idNumber')}</label>
            <input
              id="idNumber"
              inputMode="text"
              maxLength={18}
              {...aria('idNumber')}
              aria-describedby={messageAt('idNumber') ? errorId('idNumber') : 'idNumber-help'}
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
            <input id="birthDate" type="date" {...aria('birthDate')} {...register('birthDate')} />
            {error('birthDate')}
          </div>
          <div className="field">
            <label htmlFor="phone">{t('register.phone')}</label>
            <input
              id="phone"
              type="tel"
              inputMode="tel"
              {...aria('phone')}
              {...register('phone')}
            />
            {error('phone')}
          </div>
          <div className="field">
            <label htmlFor="allergies">{t('register.allergies')}</label>
            <input
              id="allergies"
              placeholder={t('register.allergiesHint')}
              {...aria('allergies')}
              {...register('allergies')}
            />
            {error('allergies')}
          </div>
          <fieldset className="field">
            <legend>{t('register.diets')}</legend>
            {DIETS.map((d) => (
              <label className="check" key={d}>
                <input type="checkbox" value={d} {...register('diets')} /> {t(`diet.${d}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <div>
          {kind === 'elder' ? (
            <>
              <fieldset className="field">
                <legend>{t('register.categories')}</legend>
                {ELDER_CATEGORIES.map((c) => (
                  <label className="check" key={c}>
                    <input type="checkbox" value={c} {...register('categories')} />{' '}
                    {t(`category.${c}`)}
                  </label>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="abilityLevel">{t('register.abilityLevel')}</label>
                <select id="abilityLevel" {...register('abilityLevel')}>
                  <option value="">—</option>
                  {ABILITY_LEVELS.map((a) => (
                    <option key={a} value={a}>
                      {t(`ability.${a}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="chronicConditions">{t('register.chronicConditions')}</label>
                <input
                  id="chronicConditions"
                  {...aria('chronicConditions')}
                  {...register('chronicConditions')}
                />
                {error('chronicConditions')}
              </div>
            </>
          ) : (
            <>
              <div className="field">
                <label htmlFor="childClass">{t('register.childClass')}</label>
                <select id="childClass" {...register('childClass')}>
                  <option value="">
                    {birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate)
                      ? t('register.classByAge', {
                          cls: t(`childClass.${classForAge(birthDate, localDay(new Date()))}`),
                        })
                      : '—'}
                  </option>
                  {CHILD_CLASSES.map((c) => (
                    <option key={c} value={c}>
                      {t(`childClass.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset className="field adult-fields">
                <legend>{t('register.guardian')}</legend>
                {(['name', 'relation', 'phone'] as const).map((f) => (
                  <div className="field inline" key={f}>
                    <label htmlFor={`guardian-${f}`}>{t(`register.adult_${f}`)}</label>
                    <input
                      id={`guardian-${f}`}
                      {...aria(`guardian.${f}`)}
                      {...register(`guardian.${f}`)}
                    />
                    {error(`guardian.${f}`)}
                  </div>
                ))}
              </fieldset>
              {pickups.fields.map((field, i) => (
                <fieldset className="field adult-fields" key={field.id}>
                  <legend>{t('register.pickupAdult', { n: i + 1 })}</legend>
                  {(['name', 'relation', 'phone'] as const).map((f) => (
                    <div className="field inline" key={f}>
                      <label htmlFor={`pickup-${i}-${f}`}>{t(`register.adult_${f}`)}</label>
                      <input
                        id={`pickup-${i}-${f}`}
                        {...aria(`pickupAdults.${i}.${f}`)}
                        {...register(`pickupAdults.${i}.${f}`)}
                      />
                      {error(`pickupAdults.${i}.${f}`)}
                    </div>
                  ))}
                  <div className="field inline">
                    <label htmlFor={`pickup-${i}-photo`}>{t('register.adult_photo')}</label>
                    <input
                      id={`pickup-${i}-photo`}
                      type="file"
                      accept="image/*"
                      onChange={(e) => {
                        const file = e.target.files?.[0];
                        if (file)
                          void smallPhoto(file).then((url) =>
                            setValue(`pickupAdults.${i}.photo`, url),
                          );
                      }}
                    />
                    {error(`pickupAdults.${i}.photo`)}
                  </div>
                </fieldset>
              ))}
              {pickups.fields.length < 4 && (
                <button type="button" onClick={() => pickups.append({ ...NO_ADULT })}>
                  {t('register.addPickup')}
                </button>
              )}
              <label className="check">
                <input type="checkbox" {...register('vaccinationChecked')} />{' '}
                {t('register.vaccinationChecked')}
              </label>
            </>
          )}
          <fieldset className="field adult-fields">
            <legend>{t('register.emergency')}</legend>
            {(['name', 'relation', 'phone'] as const).map((f) => (
              <div className="field inline" key={f}>
                <label htmlFor={`emergency-${f}`}>{t(`register.adult_${f}`)}</label>
                <input
                  id={`emergency-${f}`}
                  {...aria(`emergency.${f}`)}
                  {...register(`emergency.${f}`)}
                />
                {error(`emergency.${f}`)}
              </div>
            ))}
          </fieldset>
          <fieldset className="field">
            <legend>{t('register.consent')}</legend>
            <label className="check">
              <input type="checkbox" {...register('consentGiven')} />{' '}
              {t(kind === 'child' ? 'register.consentChild' : 'register.consentElder')}
            </label>
            {consentGiven && (
              <>
                <div className="field inline">
                  <label htmlFor="consentBy">{t('register.consentBy')}</label>
                  <input id="consentBy" {...aria('consentBy')} {...register('consentBy')} />
                  {error('consentBy')}
                </div>
                <div className="field inline">
                  <label htmlFor="consentRelation">{t('register.consentRelation')}</label>
                  <input
                    id="consentRelation"
                    placeholder={t('register.consentRelationHint')}
                    {...aria('consentRelation')}
                    {...register('consentRelation')}
                  />
                  {error('consentRelation')}
                </div>
              </>
            )}
          </fieldset>
        </div>
      </div>
      <div className="field">
        <label htmlFor="note">{t('register.note')}</label>
        <textarea id="note" rows={2} {...register('note')} />
        {error('note')}
      </div>
      <button type="submit" className="primary big" disabled={isSubmitting}>
        {t('register.save')}
      </button>
      {/* Beside the button that was pressed, where the eyes are. */}
      {saved && (
        <p className="notice ok" role="status" ref={intoView}>
          {saved}{' '}
          <button type="button" className="link" onClick={onRegistered}>
            {t('nav.checkIn')}
          </button>
        </p>
      )}
      {failure && (
        <p className="notice error" role="alert" ref={intoView}>
          {failure}
        </p>
      )}
    </form>
  );
}
