import { useEffect, useRef, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { classForAge } from '../../../shared/rules/people';
import { localDay } from '../../../shared/time';
import { validateDetails } from '../../../shared/validation/details';
import { validateMemberInput } from '../../../shared/validation/member';
import { registerMember } from '../../data/members';
import { DuplicateIdentityError, LikelyDuplicateError } from '../../data/identity';
import { SamePerson, type SamePersonQuestion } from './SamePerson';
import { codeText } from '../../i18n/keys';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { Field, fieldAria } from '../kit/Field';
import { AdultFields } from './AdultFields';
import { ChildFields } from './ChildFields';
import { Choices } from './Choices';
import { ConsentFields } from './ConsentFields';
import { ElderFields } from './ElderFields';
import { PersonFields } from './PersonFields';
import { draftOf, dropDraft, keepDraft } from './registerDraft';
import { consentOf, EMPTY, memberResolver, type FormValues } from './registerForm';
import { NoticeLine } from '../kit/Notice';
import { TitledForm } from '../kit/TitledForm';

/** A message that has just appeared is scrolled into view (clear of the status bar). */
const intoView = (el: HTMLElement | null) => el?.scrollIntoView({ block: 'nearest' });

/** 登记新成员: an elder or a child, with their details and the consent given, on one form. */
export function RegisterScreen({
  onRegistered,
  onOpenPerson,
}: {
  onRegistered(): void;
  /** Opens a person's record (the one already registered with this ID number). */
  onOpenPerson(memberId: string): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // One person is one record: an ID number already registered, or someone of the same name and
  // birth date (asked, and registered anyway once the worker says it is someone else).
  const [samePerson, setSamePerson] = useState<SamePersonQuestion | null>(null);
  const notSamePerson = useRef(false);
  // Who is typing: a half-filled form is kept for them when the screen closes (the idle lock)
  // and given back when they log in again (registerDraft.ts).
  const [staffId] = useState(() => desk.actor());
  const [draft, setDraft] = useState(() => draftOf(staffId));
  const form = useForm<FormValues>({ defaultValues: draft ?? EMPTY, resolver: memberResolver });
  const { getValues } = form;
  useEffect(
    () => () => {
      const values = getValues();
      if (JSON.stringify(values) !== JSON.stringify(EMPTY)) keepDraft(staffId, values);
      else dropDraft(staffId);
    },
    [getValues, staffId],
  );
  const {
    register,
    handleSubmit,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = form;
  const kind = watch('kind');
  const noteProblem = errors.note?.message ? codeText(t, 'problem', errors.note.message) : null;

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setSaved(null);
    setSamePerson(null);
    const confirmed = notSamePerson.current;
    notSamePerson.current = false;
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
        consentOf(values),
        values.pinyin,
        { confirmedLikelyDuplicate: confirmed },
      );
      setSaved(t('register.saved', { name: member.name, card: member.cardNo }));
      reset(EMPTY);
      setDraft(null);
    } catch (e) {
      if (e instanceof DuplicateIdentityError)
        setSamePerson({ kind: 'taken', people: [e.existing] });
      else if (e instanceof LikelyDuplicateError)
        setSamePerson({ kind: 'likely', people: e.people });
      else setFailure(saveErrorText(t, e));
    }
  });

  return (
    <FormProvider {...form}>
      <TitledForm
        titleId="register-title"
        title={t('register.title')}
        className="register"
        onSubmit={onSubmit}
      >
        {draft && <p className="notice info">{t('register.draftBack')}</p>}
        <Choices
          legend={t('register.kind')}
          path="kind"
          options={['elder', 'child'] as const}
          label={(k) => t(`kind.${k}`)}
        />
        <div className="columns">
          <PersonFields />
          <div>
            {kind === 'elder' ? <ElderFields /> : <ChildFields />}
            <AdultFields legend={t('register.emergency')} idPrefix="emergency" path="emergency" />
            <ConsentFields />
          </div>
        </div>
        <Field id="note" label={t('register.note')} error={noteProblem}>
          <textarea id="note" rows={2} {...fieldAria('note', noteProblem)} {...register('note')} />
        </Field>
        <button type="submit" className="primary big" disabled={isSubmitting}>
          {t('register.save')}
        </button>
        {/* Beside the button that was pressed, where the eyes are. */}
        <NoticeLine tone="ok" text={saved} ref={intoView}>
          <button type="button" className="link" onClick={onRegistered}>
            {t('nav.checkIn')}
          </button>
        </NoticeLine>
        <NoticeLine tone="error" text={failure} ref={intoView} />
        {samePerson && (
          <SamePerson
            question={samePerson}
            onOpen={onOpenPerson}
            onNotSame={() => {
              notSamePerson.current = true;
              void onSubmit();
            }}
          />
        )}
      </TitledForm>
    </FormProvider>
  );
}
