import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ActionLogEntry, ActionLogResponse } from '../../server/district/types';
import { api } from '../api';
import { dateTime, errorText } from '../format';
import { codeText } from '../i18n/keys';

/** Details whose value is an id of something with a name (a centre, a desk, a staff member). */
const NAMED = new Set(['centreId', 'deviceId', 'staffId']);

/**
 * The details of an entry as "name: value" pairs, ids as what they name (an enrolment code itself
 * is never logged).
 */
function details(d: Record<string, unknown> | null, t: TFunction, nameOf: (id: string) => string) {
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
              : NAMED.has(k)
                ? nameOf(v)
                : v
            : JSON.stringify(v);
      return `${name}：${value}`;
    })
    .join('；');
}

/** Who acted, by name: a dashboard user, the server's command line, a desk, a job of the server. */
function actorText(a: ActionLogEntry, t: TFunction, nameOf: (id: string) => string) {
  if (a.userId) return nameOf(a.userId);
  const [kind, ...rest] = a.actor.split(':');
  const name = rest.join(':');
  if (kind === 'device') return t('actions.desk', { name: nameOf(name) });
  if (kind === 'cli') return t('actions.cli', { name });
  if (kind === 'job') return t('actions.job', { name });
  return a.actor;
}

export function ActionLogPage() {
  const { t } = useTranslation();
  const [log, setLog] = useState<ActionLogResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<ActionLogResponse>('GET', '/actions?limit=500').then(
      (r) => setLog(r),
      (err: unknown) => setError(errorText(err)),
    );
  }, []);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!log) return <p className="loading">{t('app.loading')}</p>;
  const { actions, names } = log;
  // An id the district holds no name for (something since removed) is shown as it is.
  const nameOf = (id: string) => names[id] ?? id;
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
                  <td>{actorText(a, t, nameOf)}</td>
                  <td>{codeText(t, 'actions.action', a.action)}</td>
                  <td className={a.target && !names[a.target] ? 'id' : undefined}>
                    {a.target ? nameOf(a.target) : ''}
                  </td>
                  <td className="details">{details(a.details, t, nameOf)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
