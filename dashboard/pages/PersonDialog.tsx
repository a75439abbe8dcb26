import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonContact, PersonRecord, PersonSummary } from '../../server/district/types';
import { api } from '../api';
import { errorText } from '../format';
import { codeText } from '../i18n/keys';
import type { Messages } from '../i18n/zh-CN';
import { Dialog } from '../../shared/ui/Dialog';

/** A field of the record, named in words (person.field.<field>). */
type RecordField = keyof Messages['person']['field'];

const contacts = (list: PersonContact[] | undefined) =>
  (list ?? []).map((c) => [c.name, c.relation, c.phone].filter(Boolean).join('，')).join('；');

/**
 * One person's record. What a viewer may not see never reaches this page: the server leaves it out
 * and lists it in `withheld`, which is said here in words.
 */
export function PersonDialog({ person, onClose }: { person: PersonSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const [record, setRecord] = useState<PersonRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<PersonRecord>('GET', `/people/${encodeURIComponent(person.id)}`).then(
      setRecord,
      (err: unknown) => setError(errorText(err)),
    );
  }, [person.id]);

  const rows: [RecordField, ReactNode][] = [];
  if (record) {
    const r = record;
    const list = (items: string[], word = (item: string) => item) =>
      items.map(word).join('、') || t('person.none');
    rows.push(
      ['centreName', r.centreName],
      ['kind', t(`centre.kind.${r.kind}`)],
      ['gender', r.gender ? t(`person.gender.${r.gender}`) : t('person.none')],
      ['age', r.age === null ? t('person.none') : t('centre.age', { age: r.age })],
      ['status', t(`centre.status.${r.status}`)],
    );
    if (r.kind === 'elder') {
      rows.push(['categories', list(r.categories, (c) => codeText(t, 'category', c))]);
      rows.push(['visitRisk', r.visitRisk ? codeText(t, 'risk', r.visitRisk) : t('person.none')]);
    } else {
      rows.push([
        'childClass',
        r.childClass ? codeText(t, 'childClass', r.childClass) : t('person.none'),
      ]);
    }
    rows.push(['subsidyCategory', r.subsidyCategory ?? t('person.none')]);
    const sensitive: [RecordField, string | null | undefined][] = [
      ['idNumber', r.idNumber],
      ['birthDate', r.birthDate],
      ['phone', r.phone],
      ['healthNotes', r.healthNotes],
      ['chronicConditions', r.chronicConditions && list(r.chronicConditions)],
      ['allergies', r.allergies && list(r.allergies)],
      ['guardians', r.guardians && contacts(r.guardians)],
      ['emergencyContacts', r.emergencyContacts && contacts(r.emergencyContacts)],
      ['pickupAdults', r.pickupAdults && contacts(r.pickupAdults)],
      ['note', r.note],
    ];
    for (const [field, value] of sensitive) {
      if (!r.withheld.includes(field) && !r.notConsented.includes(field))
        rows.push([field, value || t('person.none')]);
    }
  }

  return (
    <Dialog
      closeLabel={t('app.close')}
      title={t('person.heading', { name: person.name })}
      onClose={onClose}
    >
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!record && !error && <p>{t('person.loading')}</p>}
      {record && (
        <>
          <dl className="record">
            {rows.map(([field, value]) => (
              <div key={field}>
                <dt>{t(`person.field.${field}`)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {record.notConsented.length > 0 && (
            <p className="notice" data-testid="not-consented">
              {t('person.notConsented', {
                fields: record.notConsented.map((f) => codeText(t, 'person.field', f)).join('、'),
              })}
            </p>
          )}
          {record.withheld.length > 0 && (
            <p className="notice" data-testid="withheld">
              {t('person.withheld', {
                fields: record.withheld.map((f) => codeText(t, 'person.field', f)).join('、'),
              })}
            </p>
          )}
          <p className="muted">{t('person.logged')}</p>
        </>
      )}
    </Dialog>
  );
}
