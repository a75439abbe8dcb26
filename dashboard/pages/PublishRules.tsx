import { useState, type ReactNode } from 'react';
import { useFieldArray, useForm, type Path, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { PublishedDoc } from '../../server/district/types';
import {
  DEFAULT_DAILY_RULES,
  MEAL_TYPES,
  type VisitFrequency,
} from '../../shared/rules/dailySettings';
import { readNumber } from '../../shared/rules/numbers';
import { CHILD_CLASSES, RISK_LEVELS } from '../../shared/schemas/members';
import { Field, fieldAria } from '../../shared/ui/Field';
import { codeText, messageKey } from '../i18n/keys';
import { AssessmentLevelFields } from './AssessmentRuleFields';
import { GROWTH_STANDARDS } from '../../shared/rules/growth/evaluate';
import {
  DAILY_NUMBER_RULES,
  get,
  initialValues,
  NUMBER_RULES,
  rulesFieldOf,
  settingsInForce,
  settingsToPublish,
  subsidyRows,
  TIME,
  TIME_RULES,
  VITAL_KEYS,
  isYuan,
  type RulesValues,
} from '../rules';
import {
  asDay,
  dayBox,
  FieldGroup,
  publish,
  showServerError,
  Submit,
  TitleFields,
  type PublishFormProps,
} from './publishing';

type RulesForm = UseFormReturn<RulesValues>;

/** A field's id: its form path, readable in an id. */
const idOf = (path: string) => `rule-${path.replace(/\./g, '-')}`;
const errorAt = (form: RulesForm, path: string) =>
  (get(form.formState.errors, path) as { message?: string } | undefined)?.message;

/** The district's rules, each field showing the value in force and the default. */
export function RulesForm({
  rules,
  onPublished,
}: PublishFormProps & { rules: PublishedDoc | null }) {
  const { t } = useTranslation();
  const current = initialValues(rules);
  const defaults = initialValues(null);
  const form = useForm<RulesValues>({
    defaultValues: { ...current, title: current.title || t('publish.rules.defaultTitle') },
  });
  const [rootError, setRootError] = useState<string | null>(null);

  const hint = (path: string, show: (v: unknown) => string = String) => (
    <>
      <span className="was">{t('publish.current', { value: show(get(current, path)) })}</span>
      <span className="was">{t('publish.default', { value: show(get(defaults, path)) })}</span>
    </>
  );
  const number = (path: string, label: string) => (
    <NumberField key={path} form={form} path={path} label={label} hint={hint(path)} />
  );

  const submit = form.handleSubmit(
    async (values) => {
      setRootError(null);
      const settings = settingsToPublish(values, settingsInForce(rules));
      if (Object.keys(settings).length === 0) {
        setRootError(t('publish.rules.nothing'));
        return;
      }
      try {
        onPublished(
          await publish({
            kind: 'rules',
            title: values.title.trim(),
            ...(values.text.trim() ? { text: values.text.trim() } : {}),
            effectiveFrom: values.effectiveFrom,
            settings,
          }),
        );
      } catch (err) {
        showServerError(form, err, rulesFieldOf(values), setRootError);
      }
    },
    () => setRootError(t('publish.fixErrors')),
  );

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('publish.tabs.rules')} noValidate>
      <p className="muted">{t('publish.rules.note')}</p>
      <TitleFields form={form} />
      <EffectiveFromField form={form} />
      <FieldGroup legend={t('publish.rules.ratio')}>
        {CHILD_CLASSES.map((c) => number(`ratioLimits.${c}`, t(`childClass.${c}`)))}
      </FieldGroup>
      <FieldGroup legend={`${t('publish.rules.health')} · ${t('publish.rules.outbreak')}`}>
        {number('feverFrom', t('publish.rules.feverFrom'))}
        {number('outbreak.sameDay', t('publish.rules.sameDay'))}
        {number('outbreak.windowDays', t('publish.rules.windowDays'))}
        {number('outbreak.inWindow', t('publish.rules.inWindow'))}
      </FieldGroup>
      <FieldGroup legend={t('publish.rules.clusters')}>
        {number('clusters.windowDays', t('publish.rules.clusterWindowDays'))}
        {number('clusters.township', t('publish.rules.clusterTownship'))}
        {number('clusters.district', t('publish.rules.clusterDistrict'))}
      </FieldGroup>
      <FieldGroup legend={t('publish.rules.vitalsTitle')}>
        {VITAL_KEYS.map((key) => number(`vitals.${key}`, t(`publish.rules.vitals.${key}`)))}
      </FieldGroup>
      <FieldGroup legend={t('publish.rules.times')}>
        {TIME_RULES.map((path) => (
          <TimeField key={path} form={form} path={path} hint={hint(path)} />
        ))}
      </FieldGroup>
      <FieldGroup legend={t('publish.rules.desk')}>
        {number('pinMaxFailures', t('publish.rules.pinMaxFailures'))}
        {number('pinLockMinutes', t('publish.rules.pinLockMinutes'))}
        {number('idleLockMinutes', t('publish.rules.idleLockMinutes'))}
        {number('certificateWarnDays', t('publish.rules.certificateWarnDays'))}
      </FieldGroup>
      <SubsidyFields form={form} />
      <FieldGroup legend={t('publish.rules.visits')}>
        {RISK_LEVELS.map((risk) => (
          <FrequencyField
            key={risk}
            form={form}
            risk={risk}
            hint={hint(`frequency.${risk}`, (v) => {
              const f = v as VisitFrequency;
              return `${t('publish.rules.every')} ${f.every} ${t(`publish.rules.unit.${f.unit}`)}`;
            })}
          />
        ))}
        {number('afterIncidentHigh', t('publish.rules.afterIncident'))}
      </FieldGroup>
      <FieldGroup legend={t('publish.rules.assessment.title')}>
        {number('assessment.everyMonths', t('publish.rules.assessment.everyMonths'))}
        {number('assessment.afterChangeMonths', t('publish.rules.assessment.afterChangeMonths'))}
        {number('assessment.warnDays', t('publish.rules.assessment.warnDays'))}
        <AssessmentLevelFields form={form} />
      </FieldGroup>
      {/* Children's growth (issue 17, part 2): the standard the desks evaluate against. */}
      <FieldGroup legend={t('publish.rules.growth.title')}>
        <label>
          {t('publish.rules.growth.standard')}
          <select {...form.register('growthStandard')} data-testid="growth-standard">
            {GROWTH_STANDARDS.map((s) => (
              <option key={s} value={s}>
                {t(`publish.rules.growth.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </FieldGroup>
      <FieldGroup legend={t('publish.rules.foodSample')}>
        {number('foodSample.minGrams', t('publish.rules.minGrams'))}
        {number('foodSample.keepHours', t('publish.rules.keepHours'))}
      </FieldGroup>
      <Submit busy={form.formState.isSubmitting} rootError={rootError} />
    </form>
  );
}

/**
 * 生效日期: the first day the rules are in force (default today). Meals served before it keep the
 * rates in force on their day (shared/rules/ruleVersions.ts).
 */
function EffectiveFromField({ form }: { form: RulesForm }) {
  const { t } = useTranslation();
  const id = 'rule-effectiveFrom';
  const error = errorAt(form, 'effectiveFrom');
  return (
    <Field
      id={id}
      label={t('publish.rules.effectiveFrom')}
      error={error}
      hint={t('publish.rules.effectiveFromHint')}
    >
      <input
        id={id}
        className="short"
        {...dayBox(t('publish.announcement.dayHint'))}
        {...fieldAria(id, error, true)}
        {...form.register('effectiveFrom', {
          setValueAs: asDay,
          validate: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || t('publish.rules.effectiveFromFormat'),
        })}
      />
    </Field>
  );
}

/** A numeric rule, checked against its range (rules.ts) before anything is sent. */
function NumberField({
  form,
  path,
  label,
  hint,
}: {
  form: RulesForm;
  path: string;
  label: string;
  hint: ReactNode;
}) {
  const { t } = useTranslation();
  const rule = [...NUMBER_RULES, ...DAILY_NUMBER_RULES].find((r) => r.path === path)!;
  const whole = !rule.step;
  const id = idOf(path);
  const error = errorAt(form, path);
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        inputMode="decimal"
        className="short"
        {...fieldAria(id, error, true)}
        {...form.register(path as Path<RulesValues>, {
          // 37,5 as well as 37.5 (shared/rules/numbers.ts); not a number is refused by name below.
          setValueAs: (v: unknown) =>
            typeof v === 'number' ? v : (readNumber(String(v)) ?? Number.NaN),
          validate: (v) => {
            const n = v as unknown as number;
            const ok =
              Number.isFinite(n) &&
              n >= rule.min &&
              n <= rule.max &&
              (!whole || Number.isInteger(n));
            return (
              ok || t(whole ? 'publish.whole' : 'publish.range', { min: rule.min, max: rule.max })
            );
          },
        })}
      />
    </Field>
  );
}

function TimeField({
  form,
  path,
  hint,
}: {
  form: RulesForm;
  path: (typeof TIME_RULES)[number];
  hint: ReactNode;
}) {
  const { t } = useTranslation();
  const id = idOf(path);
  const error = errorAt(form, path);
  return (
    <Field id={id} label={t(`publish.rules.${path}`)} error={error} hint={hint}>
      <input
        id={id}
        className="short"
        inputMode="numeric"
        placeholder="17:30"
        {...fieldAria(id, error, true)}
        {...form.register(path, { validate: (v) => TIME.test(v) || t('publish.time') })}
      />
    </Field>
  );
}

/** How often a risk level is visited: every N weeks or months. */
function FrequencyField({
  form,
  risk,
  hint,
}: {
  form: RulesForm;
  risk: (typeof RISK_LEVELS)[number];
  hint: ReactNode;
}) {
  const { t } = useTranslation();
  const id = idOf(`frequency.${risk}.every`);
  const error = errorAt(form, `frequency.${risk}.every`);
  return (
    <Field id={id} label={t(`risk.${risk}`)} error={error} hint={hint}>
      <span className="inline">
        {t('publish.rules.every')}
        <input
          id={id}
          type="number"
          className="short"
          min={1}
          max={52}
          {...fieldAria(id, error, true)}
          {...form.register(`frequency.${risk}.every`, {
            valueAsNumber: true,
            validate: (v, all) => {
              const max = all.frequency[risk].unit === 'week' ? 52 : 12;
              return (
                (Number.isInteger(v) && v >= 1 && v <= max) || t('publish.whole', { min: 1, max })
              );
            },
          })}
        />
        <select
          aria-label={`${t(`risk.${risk}`)} ${t('publish.rules.unit.week')}/${t('publish.rules.unit.month')}`}
          {...form.register(`frequency.${risk}.unit`)}
        >
          <option value="week">{t('publish.rules.unit.week')}</option>
          <option value="month">{t('publish.rules.unit.month')}</option>
        </select>
        {t('publish.rules.times1')}
      </span>
    </Field>
  );
}

/** The meal subsidies: one row per category, in yuan, rows added and removed freely. */
function SubsidyFields({ form }: { form: RulesForm }) {
  const { t } = useTranslation();
  const subsidies = useFieldArray({ control: form.control, name: 'subsidies' });
  const { register } = form;
  const cellError = (path: string) => {
    const error = errorAt(form, path);
    return (
      error && (
        <span className="error" role="alert">
          {error}
        </span>
      )
    );
  };
  return (
    <fieldset>
      <legend>{t('publish.rules.subsidies')}</legend>
      <p className="hint">
        {t('publish.default', {
          value: subsidyRows(DEFAULT_DAILY_RULES.mealSubsidies)
            .map(
              (r) =>
                `${messageKey('subsidyName', r.code) ? codeText(t, 'subsidyName', r.code) : r.code} ${r.lunch}`,
            )
            .join('，'),
        })}
      </p>
      <table className="grid compact">
        <thead>
          <tr>
            <th scope="col">{t('publish.rules.subsidyCode')}</th>
            {MEAL_TYPES.map((m) => (
              <th key={m} scope="col">
                {t(`meal.${m}`)}（{t('publish.rules.yuan')}）
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {subsidies.fields.map((row, i) => {
            // A category the desk knows is shown in its words (the desk's and the Excel report's);
            // only a district's own new category is typed as a code.
            const known = messageKey('subsidyName', row.code);
            const name = known ? codeText(t, 'subsidyName', row.code) : row.code || `${i + 1}`;
            return (
              <tr key={row.id} data-category={row.code || undefined}>
                {known ? (
                  <th scope="row">
                    {name}
                    <input type="hidden" {...register(`subsidies.${i}.code`)} />
                  </th>
                ) : (
                  <td>
                    <input
                      className="code-input"
                      aria-label={`${t('publish.rules.subsidyNewCode')} ${i + 1}`}
                      placeholder={t('publish.rules.subsidyCodeHint')}
                      aria-invalid={errorAt(form, `subsidies.${i}.code`) ? true : undefined}
                      {...register(`subsidies.${i}.code`, {
                        validate: (v, all) =>
                          (/^[A-Za-z0-9_-]{1,40}$/.test(v.trim()) &&
                            all.subsidies.filter((s) => s.code.trim() === v.trim()).length === 1) ||
                          t('publish.rules.codeFormat'),
                      })}
                    />
                    {cellError(`subsidies.${i}.code`)}
                  </td>
                )}
                {MEAL_TYPES.map((m) => (
                  <td key={m}>
                    <input
                      className="short"
                      inputMode="decimal"
                      aria-label={`${name} ${t(`meal.${m}`)}`}
                      aria-invalid={errorAt(form, `subsidies.${i}.${m}`) ? true : undefined}
                      {...register(`subsidies.${i}.${m}`, {
                        validate: (v) => isYuan(v) || t('publish.rules.yuanFormat'),
                      })}
                    />
                    {cellError(`subsidies.${i}.${m}`)}
                  </td>
                ))}
                <td>
                  <button type="button" onClick={() => subsidies.remove(i)}>
                    {t('publish.rules.removeCategory')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => subsidies.append({ code: '', breakfast: '', lunch: '', dinner: '' })}
      >
        {t('publish.rules.addCategory')}
      </button>
    </fieldset>
  );
}
