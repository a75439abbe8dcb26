/**
 * The district's outbreak page (issue 17, part 4): the clusters the district rule finds across
 * centres — which centres, how many children, since when, new cases per day — each with its
 * 24-hour duty to report counting down from when it was raised; the report form; and the
 * centres' townships the rule counts by. Counts and symptoms only: no child is named anywhere.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutbreakCluster, OutbreaksResponse } from '../../server/district/types';
import { sees, type Department } from '../../shared/rules/departments';
import { api } from '../api';
import { BarChart } from '../charts';
import { dateTime, errorText } from '../format';
import { clusterTitle, Deadline, useNow, useOutbreaks } from './outbreakParts';
import { OutbreakReportForm } from './OutbreakReport';

function ClusterPanel({
  cluster: c,
  now,
  canReport,
  onReport,
}: {
  cluster: OutbreakCluster;
  now: number;
  canReport: boolean;
  onReport: () => void;
}) {
  const { t } = useTranslation();
  const title = clusterTitle(t, c);
  return (
    <article className="panel cluster" aria-label={title} data-testid="cluster">
      <h3>
        {title} · {t('outbreak.cases', { n: c.cases })}
      </h3>
      <p>
        <Deadline cluster={c} now={now} />
      </p>
      <p className="muted">
        {t('outbreak.facts', {
          since: c.since,
          firstOnset: c.firstOnset,
          raisedAt: dateTime(c.raisedAt),
          threshold: c.threshold,
          absences: c.fromAbsences,
          checks: c.fromChecks,
        })}
      </p>
      <div className="cluster-figures">
        <table className="grid">
          <caption>{t('outbreak.centresCaption', { n: c.centres.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('outbreak.col.centre')}</th>
              <th scope="col">{t('outbreak.col.township')}</th>
              <th scope="col" className="num">
                {t('outbreak.col.cases')}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.centres.map((x) => (
              <tr key={x.centreId}>
                <th scope="row">{x.name}</th>
                <td>{x.township ?? '—'}</td>
                <td className="num">{x.cases}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <h4>{t('outbreak.trend')}</h4>
          <BarChart
            summary={t('outbreak.trendSummary', {
              title,
              days: c.trend.map((d) => `${d.day} ${d.cases}`).join('，'),
            })}
            bars={c.trend.map((d) => ({
              label: d.day,
              value: d.cases,
              text: t('outbreak.newCases', { n: d.cases }),
            }))}
          />
        </div>
      </div>
      {canReport && (
        <div className="buttons">
          <button type="button" className="primary" onClick={onReport}>
            {t('outbreak.fillReport')}
          </button>
        </div>
      )}
    </article>
  );
}

function Townships({
  centres,
  onSaved,
}: {
  centres: OutbreaksResponse['centres'];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (id: string, name: string) => {
    const value = (typed[id] ?? '').trim();
    try {
      await api('PATCH', `/centres/${encodeURIComponent(id)}`, { township: value || null });
      setMessage({ ok: true, text: t('outbreak.townshipSaved', { centre: name }) });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  };
  return (
    <details className="townships">
      <summary>
        {t('outbreak.townships', { missing: centres.filter((c) => !c.township).length })}
      </summary>
      <p className="muted">{t('outbreak.townshipsHelp')}</p>
      <table className="grid">
        <tbody>
          {centres.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td>
                <input
                  aria-label={t('outbreak.townshipOf', { centre: c.name })}
                  defaultValue={c.township ?? ''}
                  maxLength={40}
                  onChange={(e) => setTyped((x) => ({ ...x, [c.id]: e.target.value }))}
                />{' '}
                <button type="button" onClick={() => void save(c.id, c.name)}>
                  {t('outbreak.saveTownship')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && (
        <p className={message.ok ? 'notice' : 'error'} role="status">
          {message.text}
        </p>
      )}
    </details>
  );
}

export function OutbreaksPage({
  department,
  isAdmin,
  displayName,
}: {
  department: Department | null;
  isAdmin: boolean;
  displayName: string;
}) {
  const { t } = useTranslation();
  const { data, error, reload } = useOutbreaks();
  const now = useNow();
  const [reporting, setReporting] = useState<string | null>(null);

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="loading">{t('app.loading')}</p>;
  const cluster = data.clusters.find((c) => c.key === reporting);
  if (cluster)
    return (
      <OutbreakReportForm
        clusterKey={cluster.key}
        displayName={displayName}
        onClose={() => setReporting(null)}
        onSent={() => {
          setReporting(null);
          reload();
        }}
      />
    );
  return (
    <section aria-labelledby="outbreaks-heading">
      <h2 id="outbreaks-heading">{t('outbreak.heading')}</h2>
      <p className="muted">
        {t('outbreak.rule', {
          days: data.rules.windowDays,
          township: data.rules.township,
          district: data.rules.district,
          symptoms: data.rules.symptoms.map((s) => t(`symptom.${s}`)).join('、'),
        })}
      </p>
      <p className="muted">{t('outbreak.privacy')}</p>
      {data.clusters.length === 0 ? (
        <p className="notice" data-testid="no-clusters">
          {t('outbreak.none', { day: data.today })}
        </p>
      ) : (
        data.clusters.map((c) => (
          <ClusterPanel
            key={c.key}
            cluster={c}
            now={now}
            canReport={sees(department, 'outbreakReport')}
            onReport={() => setReporting(c.key)}
          />
        ))
      )}
      {isAdmin && sees(department, 'devices') && (
        <Townships centres={data.centres} onSaved={reload} />
      )}
    </section>
  );
}

/** The overview's alert: shown once a cluster is raised, linking to the outbreak page. */
export function OutbreakAlert() {
  const { t } = useTranslation();
  const { data } = useOutbreaks();
  const now = useNow();
  if (!data || data.clusters.length === 0) return null;
  return (
    <div className="outbreak-alert" role="alert" data-testid="outbreak-alert">
      <strong>
        ⚠{' '}
        {data.clusters.every((c) => c.reports.length > 0)
          ? t('outbreak.alertReported', { n: data.clusters.length })
          : t('outbreak.alert', { n: data.clusters.length })}
      </strong>
      <ul>
        {data.clusters.map((c) => (
          <li key={c.key}>
            {clusterTitle(t, c)} · {t('outbreak.cases', { n: c.cases })} ·{' '}
            {t('outbreak.centresCaption', { n: c.centres.length })}{' '}
            <Deadline cluster={c} now={now} />
          </li>
        ))}
      </ul>
      <a href="#/outbreaks">{t('outbreak.open')}</a>
    </div>
  );
}
