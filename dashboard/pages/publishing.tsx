import type { ReactNode } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { PublishedDoc, PublishResponse } from '../../server/district/types';
import { readDay } from '../../shared/rules/dates';
import { Field, fieldAria } from '../../shared/ui/Field';
import { api, ApiError } from '../api';
import { errorText } from '../format';
/**
 * A day box, year first whatever the computer's language (not <input type="date">, which shows
 * mm/dd/yyyy on an English system): 2026/12/5, 2026年12月5日 are kept as 2026-12-05.
 */
export const dayBox = (placeholder: string) => ({ inputMode: 'numeric' as const, placeholder });
export const asDay = (v: unknown) => {
  const text = String(v ?? '').trim();
  return readDay(text) ?? text;
};

/** What each publishing form is told when its document is out. */
export interface PublishFormProps {
  onPublished(doc: PublishedDoc): void;
}

/** Sends a publication; answers the published document or throws the server's ApiError. */
export const publish = (body: Record<string, unknown>) =>
  api<PublishResponse>('POST', '/publish', body).then((r) => r.published);

/** Puts the server's 400 beside the field it names, or above the form when no field fits. */
export function showServerError<T extends FieldValues>(
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

/** A group of fields under its legend: each group of rules, say. */
export function FieldGroup({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="fields">{children}</div>
    </fieldset>
  );
}

/** The title and text every publication has. */
export function TitleFields<T extends { title: string; text: string }>({
  form,
}: {
  form: UseFormReturn<T>;
}) {
  const { t } = useTranslation();
  const f = form as unknown as UseFormReturn<{ title: string; text: string }>;
  const errors = f.formState.errors;
  return (
    <>
      <Field id="publish-title" label={t('publish.title')} error={errors.title?.message}>
        <input
          id="publish-title"
          className="wide"
          {...fieldAria('publish-title', errors.title?.message)}
          {...f.register('title', {
            validate: (v) =>
              (v.trim().length >= 1 && v.trim().length <= 100) || t('publish.required'),
          })}
        />
      </Field>
      <Field id="publish-text" label={t('publish.text')} error={errors.text?.message}>
        <textarea
          id="publish-text"
          className="wide"
          rows={3}
          maxLength={2000}
          {...f.register('text')}
        />
      </Field>
    </>
  );
}

export function Submit({ busy, rootError }: { busy: boolean; rootError: string | null }) {
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
