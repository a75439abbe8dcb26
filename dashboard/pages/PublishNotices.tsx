import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_CATEGORIES } from '../../shared/rules/schedule';
import { InputField, SelectField } from '../../shared/ui/Field';
import {
  asDay,
  dayBox,
  publish,
  showServerError,
  Submit,
  TitleFields,
  type PublishFormProps,
} from './publishing';

const isDayOrEmpty = (v: string) => !v || /^\d{4}-\d{2}-\d{2}$/.test(v);

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

/** A notice the desks show between two days. */
export function AnnouncementForm({ onPublished }: PublishFormProps) {
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
        <InputField
          id="publish-shownFrom"
          label={t('publish.announcement.shownFrom')}
          error={errors.shownFrom?.message}
          {...dayBox(t('publish.announcement.dayHint'))}
          {...form.register('shownFrom', {
            setValueAs: asDay,
            validate: (v) => isDayOrEmpty(v) || t('publish.announcement.dayFormat'),
          })}
        />
        <InputField
          id="publish-shownUntil"
          label={t('publish.announcement.shownUntil')}
          error={errors.shownUntil?.message}
          {...dayBox(t('publish.announcement.dayHint'))}
          {...form.register('shownUntil', {
            setValueAs: asDay,
            validate: (v, all) =>
              !isDayOrEmpty(v)
                ? t('publish.announcement.dayFormat')
                : !v ||
                  !all.shownFrom ||
                  v >= all.shownFrom ||
                  t('publish.announcement.untilBeforeFrom'),
          })}
        />
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

/** An activity the centres can put on their schedule as it is. */
export function TemplateForm({ onPublished }: PublishFormProps) {
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
        <SelectField
          id="publish-category"
          label={t('publish.template.category')}
          error={errors.category?.message}
          {...form.register('category')}
        >
          {ACTIVITY_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`activityCategory.${c}`)}
            </option>
          ))}
        </SelectField>
        <InputField
          id="publish-minutes"
          label={t('publish.template.minutes')}
          error={errors.minutes?.message}
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
        <InputField
          id="publish-capacity"
          label={t('publish.template.capacity')}
          error={errors.capacity?.message}
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
      </div>
      <Submit busy={form.formState.isSubmitting} rootError={rootError} />
    </form>
  );
}
