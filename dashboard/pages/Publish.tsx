import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishedDoc, PublishedResponse } from '../../server/district/types';
import { api } from '../api';
import { dateTime, errorText } from '../format';
import { codeText } from '../i18n/keys';
import { AnnouncementForm, TemplateForm } from './PublishNotices';
import { RulesForm } from './PublishRules';

type Kind = 'rules' | 'announcement' | 'activityTemplate';
const KINDS: Kind[] = ['rules', 'announcement', 'activityTemplate'];

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
              `${codeText(t, 'activityCategory', doc.template.category)}，${t('publish.minutes', { n: doc.template.minutes })}`}{' '}
            <button type="button" onClick={() => onWithdraw(doc)}>
              {t('publish.withdraw')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
