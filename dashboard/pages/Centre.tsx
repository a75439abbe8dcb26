import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CentreInfo,
  CentrePeopleResponse,
  IssueCodeResponse,
  PersonSummary,
} from '../../server/district/types';
import { compareNames } from '../../shared/search';
import { api } from '../api';
import { dateTime, errorText } from '../format';
import { codeText } from '../i18n/keys';
import { SortHeader, useSorted } from '../table';
import { DeviceTable } from './DeviceTable';
import { useDevices } from './Devices';
import { CentreSyncSummary, PacketUpload } from './Packets';
import { PersonDialog } from './PersonDialog';

export function CentrePage({ centreId, isAdmin }: { centreId: string; isAdmin: boolean }) {
  const { t } = useTranslation();
  const { devices, error: devicesError, changed, refresh } = useDevices(centreId);
  const [people, setPeople] = useState<CentrePeopleResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<CentrePeopleResponse>('GET', `/centres/${encodeURIComponent(centreId)}/people`).then(
      setPeople,
      (err: unknown) => setError(errorText(err)),
    );
  }, [centreId]);

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!people) return <p className="loading">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="centre-heading">
      <a href="#/overview" className="back">
        {t('centre.back')}
      </a>
      <h2 id="centre-heading">{people.centreName}</h2>
      <ChildPlaces centreId={centreId} initial={people.childPlaces} isAdmin={isAdmin} />
      <h3>{t('centre.devices')}</h3>
      {devicesError && <p className="error">{devicesError}</p>}
      {devices && <CentreSyncSummary devices={devices} />}
      {devices && (
        <DeviceTable devices={devices} showCentre={false} isAdmin={isAdmin} onChanged={changed} />
      )}
      {isAdmin && <PacketUpload onImported={refresh} />}
      {isAdmin && <IssueCode centreId={centreId} centreName={people.centreName} />}
      <h3>{t('centre.people')}</h3>
      <p className="muted">{t('centre.peopleNote')}</p>
      <PeopleTable people={people.people} />
      {people.notShared.elders + people.notShared.children > 0 && (
        <p className="notice" data-testid="not-shared">
          {t('centre.notShared', people.notShared)}
        </p>
      )}
    </section>
  );
}

/**
 * The centre's licensed child places: read by everyone, changed by admins. The monthly report's
 * use rate needs it, and nothing a desk records says it.
 */
function ChildPlaces({
  centreId,
  initial,
  isAdmin,
}: {
  centreId: string;
  initial: number | null;
  isAdmin: boolean;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(initial);
  const [value, setValue] = useState(initial === null ? '' : String(initial));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!isAdmin) {
    return (
      <p className="big-line" data-testid="child-places">
        {t('centre.places')}：{saved ?? t('centre.placesNone')}
      </p>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 1000) {
      setMessage({ ok: false, text: t('centre.placesRange') });
      return;
    }
    try {
      const c = await api<CentreInfo>('PATCH', `/centres/${encodeURIComponent(centreId)}`, {
        childPlaces: n,
      });
      setSaved(c.childPlaces);
      setMessage({ ok: true, text: t('centre.placesSaved', { n: c.childPlaces }) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  };
  return (
    <form className="panel places" noValidate onSubmit={(e) => void submit(e)}>
      <label>
        {t('centre.places')}
        <input
          type="number"
          min={0}
          max={1000}
          step={1}
          value={value}
          placeholder={t('centre.placesNone')}
          aria-invalid={message && !message.ok ? true : undefined}
          aria-describedby="places-help"
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" className="primary">
        {t('centre.placesSave')}
      </button>
      <span id="places-help" className="hint">
        {t('centre.placesHelp')}
      </span>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

/** Groups of four, as the code is read over the phone: "R 9 V J — P 3 3 Z". */
function spelled(code: string): string {
  return code
    .split('-')
    .map((part) => part.split('').join(' '))
    .join(' — ');
}

function IssueCode({ centreId, centreName }: { centreId: string; centreName: string }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState(24);
  const [issued, setIssued] = useState<IssueCodeResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setIssued(
        await api<IssueCodeResponse>(
          'POST',
          `/centres/${encodeURIComponent(centreId)}/enrolment-codes`,
          { hours },
        ),
      );
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div className="panel">
      <h3>{t('centre.issueCode')}</h3>
      <p className="muted">{t('centre.issueHelp')}</p>
      <form className="inline" onSubmit={(e) => void submit(e)}>
        <label>
          {t('centre.hours')}
          <input
            type="number"
            className="short"
            min={1}
            max={720}
            value={hours}
            onChange={(e) => setHours(Number(e.target.value))}
          />
        </label>
        <button type="submit" className="primary">
          {t('centre.issue')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {issued && (
        <div className="code-box" role="status">
          <p>{t('centre.codeFor', { centre: centreName })}</p>
          <p className="code" data-testid="enrolment-code">
            {issued.code}
          </p>
          <p className="big-line">
            {t('centre.validUntil', { time: dateTime(issued.expiresAt), hours })}
          </p>
          <p className="muted">{t('centre.spell', { spelled: spelled(issued.code) })}</p>
        </div>
      )}
    </div>
  );
}

type Column = 'name' | 'kind' | 'category' | 'age' | 'status';

/** People are listed in the desk's name order: surnames by their surname reading (单 under S). */
const BY_NAME = { name: compareNames };

function PeopleTable({ people }: { people: PersonSummary[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<PersonSummary | null>(null);
  const category = useCallback(
    (p: PersonSummary) =>
      p.kind === 'child'
        ? p.childClass
          ? codeText(t, 'childClass', p.childClass)
          : ''
        : p.categories.map((c) => codeText(t, 'category', c)).join('、'),
    [t],
  );
  const value = useCallback(
    (p: PersonSummary, key: Column) =>
      key === 'age' ? p.age : key === 'category' ? category(p) : key === 'name' ? p.name : p[key],
    [category],
  );
  const { sorted, sort, toggle } = useSorted<PersonSummary, Column>(
    people,
    value,
    { key: 'name', dir: 'ascending' },
    BY_NAME,
  );
  if (people.length === 0) return <p>{t('centre.noPeople')}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="grid">
          <thead>
            <tr>
              {(['name', 'kind', 'category', 'age', 'status'] as const).map((c) => (
                <SortHeader
                  key={c}
                  id={c}
                  label={t(`centre.col.${c}`)}
                  sort={sort}
                  onSort={toggle}
                  numeric={c === 'age'}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => setOpen(p)}>
                    {p.name}
                  </button>
                </th>
                <td>{t(`centre.kind.${p.kind}`)}</td>
                <td>{category(p)}</td>
                <td className="num">{p.age === null ? '—' : t('centre.age', { age: p.age })}</td>
                <td>{t(`centre.status.${p.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open && <PersonDialog person={open} onClose={() => setOpen(null)} />}
    </>
  );
}
