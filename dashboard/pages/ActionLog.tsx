import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ActionLogEntry, ActionLogResponse } from '../../server/district/types';
import { api } from '../api';
import { dateTime, errorText } from '../format';
import { codeText } from '../i18n/keys';

/** The details of an entry as "name: value" pairs (an enrolment code itself is never logged). */
function details(d: Record<string, unknown> | null, t: TFunction) {
  if (!d) return '';
  return Object.entries(d)
    .map(([k, v]) => {
      const name = codeText(t, 'actions.detail', k);
      const value =
        typeof v === 'boolean'
          ? t(v ? 'actions.detail.yes' : 'actions.detail.no')
          : typeof v === 'string'
            ? k === 'expiresAt'
              ? dateTime(v)
              : v
            : JSON.stringify(v);
      return `${name}：${value}`;
    })
    .join('；');
}

export function ActionLogPage() {
  const { t } = useTranslation();
  const [actions, setActions] = useState<ActionLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<ActionLogResponse>('GET', '/actions?limit=500').then(
      (r) => setActions(r.actions),
      (err: unknown) => setError(errorText(err)),
    );
  }, []);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!actions) return <p className="loading">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('actions.heading')}</h2>
      <p className="muted">{t('actions.intro')}</p>
      {actions.length === 0 ? (
        <p>{t('actions.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="grid log">
            <thead>
              <tr>
                {(['at', 'actor', 'action', 'target', 'details'] as const).map((c) => (
                  <th key={c} scope="col">
                    {t(`actions.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{dateTime(a.at)}</td>
                  <td>{a.actor}</td>
                  <td>{codeText(t, 'actions.action', a.action)}</td>
                  <td className="id">{a.target ?? ''}</td>
                  <td className="details">{details(a.details, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
