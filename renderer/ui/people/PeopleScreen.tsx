import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { can } from '../../../shared/roles';
import { ageParts } from '../../../shared/rules/people';
import type { MemberDoc } from '../../../shared/schemas';
import { searchPeople } from '../../../shared/search';
import { localDay } from '../../../shared/time';
import { splitList } from '../../../shared/validation/details';
import { correctMember, eraseMember, logSensitiveView } from '../../data/members';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';
import { saveErrorText } from '../kit/errors';

/** People: find a person, see and correct their record, print their card, erase on request. */
export function PeopleScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const members$ = useMemo(
    () =>
      desk.db.members
        .find()
        .$.pipe(
          map((docs) =>
            docs.map((d) => d.toJSON() as MemberDoc).filter((m) => m.status !== 'erased'),
          ),
        ),
    [desk],
  );
  const members = useObservable(members$, [] as MemberDoc[]);
  const shown = useMemo(
    () =>
      query.trim()
        ? searchPeople(members, query, 50)
        : [...members].sort((a, b) => a.pinyin.localeCompare(b.pinyin)).slice(0, 50),
    [members, query],
  );
  const open = members.find((m) => m.id === openId) ?? null;

  return (
    <div className="people">
      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title">{t('people.title', { count: members.length })}</h2>
        <label htmlFor="people-find">{t('people.find')}</label>
        <input
          id="people-find"
          className="finder-input"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="results" aria-label={t('people.list')}>
          {shown.map((m) => (
            <li key={m.id} className={m.id === openId ? 'result selected' : 'result'}>
              <span className="name">{m.name}</span>
              <span className="meta">
                {t(`kind.${m.kind}`)} · {m.birthDate} ·{' '}
                {t('people.card', { card: m.cardNo ?? '—' })}
              </span>
              <button type="button" onClick={() => setOpenId(m.id)}>
                {t('people.open')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      {open && <PersonRecord key={open.id} member={open} onClose={() => setOpenId(null)} />}
    </div>
  );
}

function PersonRecord({ member, onClose }: { member: MemberDoc; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const role = desk.session?.staff.role;
  const [revealed, setRevealed] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [allergies, setAllergies] = useState((member.allergies ?? []).join('、'));
  const [phone, setPhone] = useState(member.phone ?? '');
  const [eraseReason, setEraseReason] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const today = localDay(new Date());
  const age = ageParts(member.birthDate, today);

  async function reveal() {
    await logSensitiveView(desk, member, ['idNumber', 'guardians']);
    setRevealed(true);
  }

  async function save() {
    try {
      await correctMember(desk, member.id, {
        allergies: splitList(allergies),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
      });
      setMessage({ tone: 'ok', text: t('people.saved') });
    } catch (e) {
      setMessage({ tone: 'error', text: saveErrorText(t, e) });
    }
  }

  async function erase() {
    if (!eraseReason.trim())
      return setMessage({ tone: 'error', text: t('absence.reasonRequired') });
    if (!window.confirm(t('people.eraseConfirm', { name: member.name }))) return;
    await eraseMember(desk, member.id, eraseReason);
    onClose();
  }

  return (
    <section className="panel person" aria-labelledby="person-title">
      <div className="section-head">
        <h2 id="person-title">{member.name}</h2>
        <button type="button" onClick={() => setPrinting(true)}>
          {t('people.printCard')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('register.kind')}</dt>
        <dd>
          {t(`kind.${member.kind}`)} · {t(`gender.${member.gender}`)} ·{' '}
          {member.kind === 'child'
            ? t('age.child', { years: age.years, months: age.months })
            : t('age.elder', { years: age.years })}
          {member.childClass ? ` · ${t(`childClass.${member.childClass}`)}` : ''}
        </dd>
        <dt>{t('register.birthDate')}</dt>
        <dd>{member.birthDate}</dd>
        <dt>{t('people.cardNo')}</dt>
        <dd>{member.cardNo ?? '—'}</dd>
        {member.categories?.length ? (
          <>
            <dt>{t('register.categories')}</dt>
            <dd>{member.categories.map((c) => t(`category.${c}`)).join('、')}</dd>
          </>
        ) : null}
        {member.pickupAdults?.length ? (
          <>
            <dt>{t('people.pickupAdults')}</dt>
            <dd>{member.pickupAdults.map((a) => `${a.name}（${a.relation}）`).join('、')}</dd>
          </>
        ) : null}
        {can(role, 'viewSensitive') && (
          <>
            <dt>{t('people.sensitive')}</dt>
            <dd>
              {revealed ? (
                <>
                  {t('register.idNumber')}：{member.idNumber ?? '—'}
                  <br />
                  {t('register.guardian')}：
                  {(member.guardians ?? [])
                    .map((g) => `${g.name}（${g.relation}）${g.phone ?? ''}`)
                    .join('、') || '—'}
                </>
              ) : (
                <button type="button" onClick={() => void reveal()}>
                  {t('people.reveal')}
                </button>
              )}
            </dd>
          </>
        )}
        {can(role, 'viewHealth') && member.healthNotes && (
          <>
            <dt>{t('people.healthNotes')}</dt>
            <dd>{member.healthNotes}</dd>
          </>
        )}
      </dl>
      {can(role, 'register') && (
        <div className="correct">
          <h3>{t('people.correct')}</h3>
          <div className="field inline">
            <label htmlFor="fix-allergies">{t('register.allergies')}</label>
            <input
              id="fix-allergies"
              value={allergies}
              onChange={(e) => setAllergies(e.target.value)}
            />
          </div>
          <div className="field inline">
            <label htmlFor="fix-phone">{t('register.phone')}</label>
            <input id="fix-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
          </div>
          <button type="button" className="primary" onClick={() => void save()}>
            {t('register.save')}
          </button>
        </div>
      )}
      {can(role, 'correctRecords') && (
        <details className="erase">
          <summary>{t('people.erase')}</summary>
          <p className="hint">{t('people.eraseHelp')}</p>
          <div className="field inline">
            <label htmlFor="erase-reason">{t('people.eraseReason')}</label>
            <input
              id="erase-reason"
              value={eraseReason}
              onChange={(e) => setEraseReason(e.target.value)}
            />
          </div>
          <button type="button" className="warn-button" onClick={() => void erase()}>
            {t('people.eraseNow')}
          </button>
        </details>
      )}
      {message && (
        <p
          className={`notice ${message.tone}`}
          role={message.tone === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      {printing && <MemberCard member={member} onClose={() => setPrinting(false)} />}
    </section>
  );
}

/** The member card: name, kind, card number as a Code 128 barcode and a QR code, printed. */
function MemberCard({ member, onClose }: { member: MemberDoc; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [codes, setCodes] = useState<{ barcode: string; qr: string } | null>(null);
  useEffect(() => {
    document.body.classList.add('printing-sheet');
    let cancelled = false;
    void import('bwip-js/browser').then(({ toSVG }) => {
      const text = member.cardNo ?? member.id;
      if (!cancelled)
        setCodes({
          barcode: toSVG({
            bcid: 'code128',
            text,
            height: 12,
            includetext: true,
            textxalign: 'center',
          }),
          qr: toSVG({ bcid: 'qrcode', text }),
        });
    });
    return () => {
      cancelled = true;
      document.body.classList.remove('printing-sheet');
    };
  }, [member]);
  return createPortal(
    <div className="sheet card-sheet" role="dialog" aria-labelledby="card-title">
      <div className="sheet-actions no-print">
        <button type="button" className="primary big" onClick={() => window.print()}>
          {t('rollCall.printNow')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <div className="member-card">
        <p className="card-centre">{desk.settings.centreName ?? t('app.title')}</p>
        <p id="card-title" className="card-name">
          {member.name}
        </p>
        <p className="card-kind">
          {t(`kind.${member.kind}`)}
          {member.childClass ? ` · ${t(`childClass.${member.childClass}`)}` : ''}
        </p>
        {codes && (
          <div className="card-codes">
            {/* SVG made by bwip-js from the card number (digits only): no user markup. */}
            <div
              className="barcode"
              data-testid="barcode"
              dangerouslySetInnerHTML={{ __html: codes.barcode }}
            />
            <div className="qr" dangerouslySetInnerHTML={{ __html: codes.qr }} />
          </div>
        )}
      </div>
    </div>,
    document.body,
  );
}
