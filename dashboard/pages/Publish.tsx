import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  useFieldArray,
  useForm,
  type FieldValues,
  type Path,
  type UseFormReturn,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { PublishedDoc, PublishedResponse, PublishResponse } from '../../server/district/types';
import {
  DEFAULT_DAILY_RULES,
  MEAL_TYPES,
  type VisitFrequency,
} from '../../shared/rules/dailySettings';
import { ACTIVITY_CATEGORIES } from '../../shared/rules/schedule';
import { CHILD_CLASSES, RISK_LEVELS } from '../../shared/schemas/members';
import { api, ApiError } from '../api';
import { dateTime, errorText } from '../format';
import {
  get,
  initialValues,
  NUMBER_RULES,
  rulesFieldOf,
  settingsToPublish,
  subsidyRows,
  TIME,
  TIME_RULES,
  YUAN,
  type RulesValues,
} from '../rules';

type Kind = 'rules' | 'announcement' | 'activityTemplate';
const KINDS: Kind[] = ['rules', 'announcement', 'activityTemplate'];

/** Sends a publication; answers the published document or throws the server's ApiError. */
const publish = (body: Record<string, unknown>) =>
  api<PublishResponse>('POST', '/publish', body).then((r) => r.published);

export function PublishPage() {
  const { t } = useTranslation();
  const [published, setPublished] = useState<PublishedResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('rules');

  const reload = useCallback(
    () =>
      api<PublishedResponse>('GET', '/published').then(setPublished, (err: unknown) =>
        setError(errorText(err)),
      ),
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  const onPublished = (doc: PublishedDoc) => {
    setDone(t('publish.published', { title: doc.title }));
    void reload();
  };
  const withdraw = async (doc: PublishedDoc) => {
    if (!window.confirm(t('publish.withdrawConfirm', { title: doc.title }))) return;
    try {
      await api('POST', `/published/${encodeURIComponent(doc.id)}/withdraw`, {});
      setDone(t('publish.withdrawn', { title: doc.title }));
      void reload();
    } catch (err) {
      setError(errorText(err));
    }
  };

  if (!published) {
    return error ? <p className="error">{error}</p> : <p className="loading">{t('app.loading')}</p>;
  }
  return (
    <section aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t('publish.heading')}</h2>
      <p className="muted">{t('publish.intro')}</p>
      {done && (
        <p className="ok" role="status" data-testid="published">
          {done}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <InForce published={published} onWithdraw={(d) => void withdraw(d)} />
      <div role="tablist" className="tabs" aria-label={t('publish.heading')}>
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={kind === k}
            aria-controls={`panel-${k}`}
            className={kind === k ? 'tab active' : 'tab'}
            onClick={() => {
              setKind(k);
              setDone(null);
            }}
          >
            {t(`publish.tabs.${k}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${kind}`} aria-labelledby={`tab-${kind}`} className="panel">
        {kind === 'rules' && (
          <RulesForm
            key={published.rules?.publishedAt ?? 'none'}
            rules={published.rules}
            onPublished={onPublished}
          />
        )}
        {kind === 'announcement' && <AnnouncementForm onPublished={onPublished} />}
        {kind === 'activityTemplate' && <TemplateForm onPublished={onPublished} />}
      </div>
    </section>
  );
}

function InForce({
  published,
  onWithdraw,
}: {
  published: PublishedResponse;
  onWithdraw: (doc: PublishedDoc) => void;
}) {
  const { t } = useTranslation();
  const { rules, announcements, templates } = published;
  return (
    <div className="panel in-force">
      <h3>{t('publish.inForce')}</h3>
      <p>
        {rules
          ? t('publish.rulesInForce', {
              title: rules.title,
              time: dateTime(rules.publishedAt),
              by: rules.updatedBy,
            })
          : t('publish.noRules')}
      </p>
      <ul className="plain">
        {[...announcements, ...templates].map((doc) => (
          <li key={doc.id}>
            <strong>
              {t(`publish.tabs.${doc.kind}`)}：{doc.title}
            </strong>{' '}
            {doc.kind === 'announcement' &&
              t('publish.shown', {
                from: doc.shownFrom ?? t('publish.openEnded'),
                until: doc.shownUntil ?? t('publish.openEnded'),
              })}
            {doc.template &&
              `${t(`activityCategory.${doc.template.category}`)}，${t('publish.minutes', { n: doc.template.minutes })}`}{' '}
            <button type="button" onClick={() => onWithdraw(doc)}>
              {t('publish.withdraw')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Puts the server's 400 beside the field it names, or above the form when no field fits. */
function showServerError<T extends FieldValues>(
  form: UseFormReturn<T>,
  err: unknown,
  fieldOf: (serverField: string) => string | null,
  setRoot: (message: string) => void,
) {
  if (err instanceof ApiError && err.status === 400 && err.field) {
    const field = fieldOf(err.field);
    if (field) {
      form.setError(field as Path<T>, { message: err.message }, { shouldFocus: true });
      return;
    }
  }
  setRoot(errorText(err));
}

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label>
        <span className="label">{label}</span>
        {children}
      </label>
      {hint && <span className="hint">{hint}</span>}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function TitleFields<T extends { title: string; text: string }>({
  form,
}: {
  form: UseFormReturn<T>;
}) {
  const { t } = useTranslation();
  const f = form as unknown as UseFormReturn<{ title: string; text: string }>;
  const errors = f.formState.errors;
  return (
    <>
      <Field label={t('publish.title')} error={errors.title?.message}>
        <input
          className="wide"
          aria-invalid={errors.title ? true : undefined}
          {...f.register('title', {
            validate: (v) =>
              (v.trim().length >= 1 && v.trim().length <= 100) || t('publish.required'),
          })}
        />
      </Field>
      <Field label={t('publish.text')} error={errors.text?.message}>
        <textarea className="wide" rows={3} maxLength={2000} {...f.register('text')} />
      </Field>
    </>
  );
}

function Submit({ busy, rootError }: { busy: boolean; rootError: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="submit-row">
      {rootError && (
        <p className="error" role="alert">
          {rootError}
        </p>
      )}
      <button type="submit" className="primary big" disabled={busy}>
        {busy ? t('publish.submitting') : t('publish.submit')}
      </button>
    </div>
  );
}

// ---- rules ------------------------------------------------------------------------------------

function RulesForm({
  rules,
  onPublished,
}: {
  rules: PublishedDoc | null;
  onPublished: (doc: PublishedDoc) => void;
}) {
  const { t, i18n } = useTranslation();
  const current = initialValues(rules);
  const defaults = initialValues(null);
  const form = useForm<RulesValues>({
    defaultValues: { ...current, title: current.title || t('publish.rules.defaultTitle') },
  });
  const { register, handleSubmit, formState } = form;
  const { errors } = formState;
  const subsidies = useFieldArray({ control: form.control, name: 'subsidies' });
  const [rootError, setRootError] = useState<string | null>(null);

  const hint = (path: string, show: (v: unknown) => string = String) => (
    <>
      <span className="was">{t('publish.current', { value: show(get(current, path)) })}</span>
      <span className="was">{t('publish.default', { value: show(get(defaults, path)) })}</span>
    </>
  );
  const errorAt = (path: string) =>
    (get(errors, path) as { message?: string } | undefined)?.message;

  const numberField = (path: string, label: string) => {
    const rule = NUMBER_RULES.find((r) => r.path === path)!;
    const whole = !rule.step;
    return (
      <Field key={path} label={label} error={errorAt(path)} hint={hint(path)}>
        <input
          type="number"
          className="short"
          step={rule.step ?? 1}
          min={rule.min}
          max={rule.max}
          aria-invalid={errorAt(path) ? true : undefined}
          {...register(path as Path<RulesValues>, {
            valueAsNumber: true,
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
  };
  const wholeField = (
    path: Path<RulesValues>,
    label: string,
    min: number,
    max: number,
    withHint = true,
  ) => (
    <Field key={path} label={label} error={errorAt(path)} hint={withHint ? hint(path) : undefined}>
      <input
        type="number"
        className="short"
        min={min}
        max={max}
        aria-invalid={errorAt(path) ? true : undefined}
        {...register(path, {
          valueAsNumber: true,
          validate: (v) => {
            const n = v as unknown as number;
            return (
              (Number.isInteger(n) && n >= min && n <= max) || t('publish.whole', { min, max })
            );
          },
        })}
      />
    </Field>
  );

  const submit = handleSubmit(
    async (values) => {
      setRootError(null);
      const settings = settingsToPublish(
        values,
        (rules?.settings ?? {}) as Record<string, unknown>,
      );
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
      <fieldset>
        <legend>{t('publish.rules.ratio')}</legend>
        <div className="fields">
          {CHILD_CLASSES.map((c) => numberField(`ratioLimits.${c}`, t(`childClass.${c}`)))}
        </div>
      </fieldset>
      <fieldset>
        <legend>
          {t('publish.rules.health')} · {t('publish.rules.outbreak')}
        </legend>
        <div className="fields">
          {numberField('feverFrom', t('publish.rules.feverFrom'))}
          {numberField('outbreak.sameDay', t('publish.rules.sameDay'))}
          {numberField('outbreak.windowDays', t('publish.rules.windowDays'))}
          {numberField('outbreak.inWindow', t('publish.rules.inWindow'))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('publish.rules.times')}</legend>
        <div className="fields">
          {TIME_RULES.map((path) => (
            <Field
              key={path}
              label={t(`publish.rules.${path}`)}
              error={errorAt(path)}
              hint={hint(path)}
            >
              <input
                className="short"
                inputMode="numeric"
                placeholder="17:30"
                aria-invalid={errorAt(path) ? true : undefined}
                {...register(path, { validate: (v) => TIME.test(v) || t('publish.time') })}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('publish.rules.desk')}</legend>
        <div className="fields">
          {numberField('pinMaxFailures', t('publish.rules.pinMaxFailures'))}
          {numberField('pinLockMinutes', t('publish.rules.pinLockMinutes'))}
          {numberField('idleLockMinutes', t('publish.rules.idleLockMinutes'))}
          {numberField('certificateWarnDays', t('publish.rules.certificateWarnDays'))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('publish.rules.subsidies')}</legend>
        <p className="hint">
          {t('publish.default', {
            value: subsidyRows(DEFAULT_DAILY_RULES.mealSubsidies)
              .map((r) => `${r.code} ${r.lunch}`)
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
            {subsidies.fields.map((row, i) => (
              <tr key={row.id}>
                <td>
                  <input
                    className="code-input"
                    aria-label={`${t('publish.rules.subsidyCode')} ${i + 1}`}
                    placeholder={t('publish.rules.subsidyCodeHint')}
                    aria-invalid={errorAt(`subsidies.${i}.code`) ? true : undefined}
                    {...register(`subsidies.${i}.code`, {
                      validate: (v, all) =>
                        (/^[A-Za-z0-9_-]{1,40}$/.test(v.trim()) &&
                          all.subsidies.filter((s) => s.code.trim() === v.trim()).length === 1) ||
                        t('publish.rules.codeFormat'),
                    })}
                  />
                  {i18n.exists(`subsidyName.${row.code}`) && (
                    <span className="hint subsidy-name">{t(`subsidyName.${row.code}`)}</span>
                  )}
                  {errorAt(`subsidies.${i}.code`) && (
                    <span className="error" role="alert">
                      {errorAt(`subsidies.${i}.code`)}
                    </span>
                  )}
                </td>
                {MEAL_TYPES.map((m) => (
                  <td key={m}>
                    <input
                      className="short"
                      inputMode="decimal"
                      aria-label={`${row.code || i + 1} ${t(`meal.${m}`)}`}
                      aria-invalid={errorAt(`subsidies.${i}.${m}`) ? true : undefined}
                      {...register(`subsidies.${i}.${m}`, {
                        validate: (v) =>
                          v.trim() === '' ||
                          (YUAN.test(v.trim()) && Number(v) <= 100) ||
                          t('publish.rules.yuanFormat'),
                      })}
                    />
                    {errorAt(`subsidies.${i}.${m}`) && (
                      <span className="error" role="alert">
                        {errorAt(`subsidies.${i}.${m}`)}
                      </span>
                    )}
                  </td>
                ))}
                <td>
                  <button type="button" onClick={() => subsidies.remove(i)}>
                    {t('publish.rules.removeCategory')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => subsidies.append({ code: '', breakfast: '', lunch: '', dinner: '' })}
        >
          {t('publish.rules.addCategory')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('publish.rules.visits')}</legend>
        <div className="fields">
          {RISK_LEVELS.map((risk) => (
            <Field
              key={risk}
              label={t(`risk.${risk}`)}
              error={errorAt(`frequency.${risk}.every`)}
              hint={hint(`frequency.${risk}`, (v) => {
                const f = v as VisitFrequency;
                return `${t('publish.rules.every')} ${f.every} ${t(`publish.rules.unit.${f.unit}`)}`;
              })}
            >
              <span className="inline">
                {t('publish.rules.every')}
                <input
                  type="number"
                  className="short"
                  min={1}
                  max={52}
                  {...register(`frequency.${risk}.every`, {
                    valueAsNumber: true,
                    validate: (v, all) => {
                      const max = all.frequency[risk].unit === 'week' ? 52 : 12;
                      return (
                        (Number.isInteger(v) && v >= 1 && v <= max) ||
                        t('publish.whole', { min: 1, max })
                      );
                    },
                  })}
                />
                <select
                  aria-label={`${t(`risk.${risk}`)} ${t('publish.rules.unit.week')}/${t('publish.rules.unit.month')}`}
                  {...register(`frequency.${risk}.unit`)}
                >
                  <option value="week">{t('publish.rules.unit.week')}</option>
                  <option value="month">{t('publish.rules.unit.month')}</option>
                </select>
                {t('publish.rules.times1')}
              </span>
            </Field>
          ))}
          {wholeField('afterIncidentHigh', t('publish.rules.afterIncident'), 1, 168)}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('publish.rules.foodSample')}</legend>
        <div className="fields">
          {wholeField('foodSample.minGrams', t('publish.rules.minGrams'), 50, 1000)}
          {wholeField('foodSample.keepHours', t('publish.rules.keepHours'), 24, 168)}
        </div>
      </fieldset>
      <Submit busy={formState.isSubmitting} rootError={rootError} />
    </form>
  );
}

// ---- announcements and templates ---------------------------------------------------------------

interface AnnouncementValues {
  title: string;
  text: string;
  shownFrom: string;
  shownUntil: string;
}

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function AnnouncementForm({ onPublished }: { onPublished: (doc: PublishedDoc) => void }) {
  const { t } = useTranslation();
  const form = useForm<AnnouncementValues>({
    defaultValues: { title: '', text: '', shownFrom: today(), shownUntil: '' },
  });
  const { errors } = form.formState;
  const [rootError, setRootError] = useState<string | null>(null);
  const submit = form.handleSubmit(
    async (v) => {
      setRootError(null);
      try {
        onPublished(
          await publish({
            kind: 'announcement',
            title: v.title.trim(),
            ...(v.text.trim() ? { text: v.text.trim() } : {}),
            ...(v.shownFrom ? { shownFrom: v.shownFrom } : {}),
            ...(v.shownUntil ? { shownUntil: v.shownUntil } : {}),
          }),
        );
        form.reset();
      } catch (err) {
        showServerError(
          form,
          err,
          (f) => (['title', 'text', 'shownFrom', 'shownUntil'].includes(f) ? f : null),
          setRootError,
        );
      }
    },
    () => setRootError(t('publish.fixErrors')),
  );
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('publish.tabs.announcement')} noValidate>
      <TitleFields form={form} />
      <div className="fields">
        <Field label={t('publish.announcement.shownFrom')} error={errors.shownFrom?.message}>
          <input type="date" {...form.register('shownFrom')} />
        </Field>
        <Field label={t('publish.announcement.shownUntil')} error={errors.shownUntil?.message}>
          <input
            type="date"
            {...form.register('shownUntil', {
              validate: (v, all) =>
                !v ||
                !all.shownFrom ||
                v >= all.shownFrom ||
                t('publish.announcement.untilBeforeFrom'),
            })}
          />
        </Field>
      </div>
      <Submit busy={form.formState.isSubmitting} rootError={rootError} />
    </form>
  );
}

interface TemplateValues {
  title: string;
  text: string;
  category: string;
  minutes: number;
  capacity: string;
}

function TemplateForm({ onPublished }: { onPublished: (doc: PublishedDoc) => void }) {
  const { t } = useTranslation();
  const form = useForm<TemplateValues>({
    defaultValues: {
      title: '',
      text: '',
      category: 'intergenerational',
      minutes: 60,
      capacity: '',
    },
  });
  const { errors } = form.formState;
  const [rootError, setRootError] = useState<string | null>(null);
  const submit = form.handleSubmit(
    async (v) => {
      setRootError(null);
      try {
        onPublished(
          await publish({
            kind: 'activityTemplate',
            title: v.title.trim(),
            ...(v.text.trim() ? { text: v.text.trim() } : {}),
            template: {
              category: v.category,
              minutes: v.minutes,
              ...(v.capacity.trim() ? { capacity: Number(v.capacity) } : {}),
            },
          }),
        );
        form.reset();
      } catch (err) {
        showServerError(
          form,
          err,
          (f) =>
            f === 'title' ? f : f.startsWith('template.') ? f.slice('template.'.length) : null,
          setRootError,
        );
      }
    },
    () => setRootError(t('publish.fixErrors')),
  );
  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-label={t('publish.tabs.activityTemplate')}
      noValidate
    >
      <TitleFields form={form} />
      <div className="fields">
        <Field label={t('publish.template.category')} error={errors.category?.message}>
          <select {...form.register('category')}>
            {ACTIVITY_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`activityCategory.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('publish.template.minutes')} error={errors.minutes?.message}>
          <input
            type="number"
            className="short"
            min={5}
            max={600}
            {...form.register('minutes', {
              valueAsNumber: true,
              validate: (n) =>
                (Number.isInteger(n) && n >= 5 && n <= 600) ||
                t('publish.whole', { min: 5, max: 600 }),
            })}
          />
        </Field>
        <Field label={t('publish.template.capacity')} error={errors.capacity?.message}>
          <input
            type="number"
            className="short"
            min={1}
            max={500}
            {...form.register('capacity', {
              validate: (v) => {
                if (!v.trim()) return true;
                const n = Number(v);
                return (
                  (Number.isInteger(n) && n >= 1 && n <= 500) ||
                  t('publish.whole', { min: 1, max: 500 })
                );
              },
            })}
          />
        </Field>
      </div>
      <Submit busy={form.formState.isSubmitting} rootError={rootError} />
    </form>
  );
}
