import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import { consentStatus, SCOPES_FOR } from '../../../shared/rules/consent';
import type { ConsentScope } from '../../../shared/schemas/consents';
import { localDay } from '../../../shared/time';
import { ConsentRefused, consents$, recordConsent, withdrawConsent } from '../../data/consents';
import type { VisibleMember } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { Field } from '../kit/Field';
import { useObservable } from '../kit/hooks';
import type { NoticeText } from '../kit/Notice';
import { Table } from '../kit/Table';

/**
 * A person's consents, one row per purpose: given (when, by whom), withdrawn, or never given.
 * Staff who register people record a consent given later and withdraw one on request; the
 * withdrawal says who asked, and what it takes away is cleared at once (renderer/data/consents.ts).
 */
export function PersonConsents({
  member,
  onDone,
}: {
  member: VisibleMember;
  onDone(message: NoticeText): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const consents = useObservable(
    useMemo(() => consents$(desk, member.id), [desk, member.id]),
    [],
  );
  const mayChange = can(desk.session?.staff.role, 'register');
  const today = localDay(new Date());
  const [withdrawing, setWithdrawing] = useState<ConsentScope | null>(null);
  const scopes = SCOPES_FOR[member.kind];
  const missing = scopes.filter((s) => consentStatus(consents, s, today).state !== 'given');

  const state = (scope: ConsentScope) => {
    const status = consentStatus(consents, scope, today);
    if (status.state === 'none') return t('consent.none');
    const { consent } = status;
    if (status.state === 'withdrawn')
      return t('consent.withdrawnOn', { date: consent.withdrawnOn });
    if (status.state === 'expired') return t('consent.expiredOn', { date: consent.expiresOn });
    return t('consent.givenOn', {
      date: consent.givenOn,
      by: consent.givenBy,
      relation: consent.relation,
    });
  };

  return (
    <section className="consents" aria-labelledby="consents-title">
      <h3 id="consents-title">{t('consent.title')}</h3>
      <Table columns={[t('consent.scope'), t('consent.state'), '']} labelledBy="consents-title">
        {scopes.map((scope) => (
          <tr key={scope}>
            <td>{t(`consentScope.${scope}`)}</td>
            <td>{state(scope)}</td>
            <td>
              {mayChange && consentStatus(consents, scope, today).state === 'given' && (
                <button type="button" onClick={() => setWithdrawing(scope)}>
                  {t('consent.withdraw')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {mayChange && withdrawing && (
        <Withdrawal
          member={member}
          scope={withdrawing}
          onDone={(message) => {
            setWithdrawing(null);
            onDone(message);
          }}
        />
      )}
      {mayChange && missing.length > 0 && (
        <NewConsent member={member} scopes={missing} onDone={onDone} />
      )}
    </section>
  );
}

/** Withdrawing one purpose: who asked, then a confirmation that says what it takes away. */
function Withdrawal({
  member,
  scope,
  onDone,
}: {
  member: VisibleMember;
  scope: ConsentScope;
  onDone(message: NoticeText): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [requestedBy, setRequestedBy] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function withdraw() {
    if (!requestedBy.trim()) return setProblem(t('problem.required'));
    try {
      await withdrawConsent(desk, member.id, scope, requestedBy);
      onDone({ tone: 'ok', text: t('consent.withdrawn', { scope: t(`consentScope.${scope}`) }) });
    } catch (e) {
      onDone({ tone: 'error', text: saveErrorText(t, e) });
    }
  }

  return (
    <div className="withdraw" role="group" aria-labelledby="withdraw-title">
      <h4 id="withdraw-title">
        {t('consent.withdrawTitle', { scope: t(`consentScope.${scope}`) })}
      </h4>
      <p className="hint">{t(`consentWithdrawal.${scope}`)}</p>
      <Field id="withdraw-by" label={t('consent.requestedBy')} error={problem} inline>
        <input
          id="withdraw-by"
          value={requestedBy}
          onChange={(e) => setRequestedBy(e.target.value)}
        />
      </Field>
      <button type="button" className="warn-button" onClick={() => void withdraw()}>
        {t('consent.withdrawNow')}
      </button>
    </div>
  );
}

/** Recording a consent given after registration, for the purposes not consented to yet. */
function NewConsent({
  member,
  scopes,
  onDone,
}: {
  member: VisibleMember;
  scopes: readonly ConsentScope[];
  onDone(message: NoticeText): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [ticked, setTicked] = useState<ConsentScope[]>([]);
  const [givenBy, setGivenBy] = useState('');
  const [relation, setRelation] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});

  async function save() {
    try {
      await recordConsent(desk, member.id, { givenBy, relation, scopes: ticked });
      setTicked([]);
      setProblems({});
      onDone({ tone: 'ok', text: t('consent.recorded') });
    } catch (e) {
      if (!(e instanceof ConsentRefused))
        return onDone({ tone: 'error', text: saveErrorText(t, e) });
      setProblems(Object.fromEntries(e.problems.map((p) => [p.field, t(`problem.${p.problem}`)])));
    }
  }

  return (
    <details className="new-consent">
      <summary>{t('consent.record')}</summary>
      <fieldset className="field">
        <legend>{t('consent.recordWhat')}</legend>
        {scopes.map((scope) => (
          <label className="check" key={scope}>
            <input
              type="checkbox"
              checked={ticked.includes(scope)}
              onChange={(e) =>
                setTicked(e.target.checked ? [...ticked, scope] : ticked.filter((s) => s !== scope))
              }
            />{' '}
            {t(`consentScope.${scope}`)}
          </label>
        ))}
        {(problems.consent ?? problems['consent.childData']) && (
          <span className="field-error" role="alert">
            {problems.consent ?? problems['consent.childData']}
          </span>
        )}
      </fieldset>
      <Field id="consent-by" label={t('register.consentBy')} error={problems.consentBy} inline>
        <input id="consent-by" value={givenBy} onChange={(e) => setGivenBy(e.target.value)} />
      </Field>
      <Field
        id="consent-relation"
        label={t('register.consentRelation')}
        error={problems.consentRelation}
        inline
      >
        <input
          id="consent-relation"
          value={relation}
          placeholder={t('register.consentRelationHint')}
          onChange={(e) => setRelation(e.target.value)}
        />
      </Field>
      <button type="button" className="primary" onClick={() => void save()}>
        {t('consent.save')}
      </button>
    </details>
  );
}
