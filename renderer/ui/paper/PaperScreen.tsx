import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from 'date-fns';
import { MEAL_TYPES, type MealType } from '../../../shared/rules/dailySettings';
import { readDay } from '../../../shared/rules/dates';
import {
  emptyPaperRow,
  inCareOn,
  type PaperProblem,
  type PaperRowEntry,
} from '../../../shared/rules/paper';
import { localDay } from '../../../shared/time';
import {
  backfillPaperSheet,
  logPaperSheetPrinted,
  paperManagers$,
  paperPeople$,
  paperSheet$,
  personByCode,
  type PaperSheetData,
} from '../../data/paper';
import type { MemberDoc } from '../../../shared/schemas';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { dayInput } from '../kit/dayInput';
import { useDeskRead } from '../kit/hooks';
import { NoticeLine, type Notice } from '../kit/Notice';
import { useNameOf } from '../kit/PersonName';
import { DailySheetPanel } from '../home/DailySheetPanel';
import { BackfillRow } from './BackfillRow';
import { EmergencySheet } from './EmergencySheet';

/**
 * 纸质应急表 (issue 19, part 2): print the emergency sheet of a day ahead, and afterwards type the
 * filled-in sheet in (补录), row by row.
 */
export function PaperScreen() {
  const { t } = useTranslation();
  return (
    <div className="paper">
      <h2>{t('paper.title')}</h2>
      <p className="hint">{t('paper.intro')}</p>
      <PrintPanel />
      <BackfillPanel />
    </div>
  );
}

function MealTypeSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: MealType;
  onChange(m: MealType): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t('paper.mealType')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as MealType)}>
        {MEAL_TYPES.map((m) => (
          <option key={m} value={m}>
            {t(`meals.mealType.${m}`)}
          </option>
        ))}
      </select>
    </>
  );
}

function PrintPanel() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [day, setDay] = useState(localDay(addDays(new Date(), 1)));
  const [mealType, setMealType] = useState<MealType>('lunch');
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = readDay(day);
  const sheet = useDeskRead(
    paperSheet$,
    null as PaperSheetData | null,
    chosen ?? localDay(new Date()),
  );
  async function print() {
    setProblem(null);
    if (!chosen) return setProblem(t('paper.dayUnreadable'));
    try {
      await logPaperSheetPrinted(desk, chosen);
      setOpen(true);
    } catch (e) {
      setProblem(saveErrorText(t, e));
    }
  }
  return (
    <section className="panel" aria-labelledby="paper-print">
      <h3 id="paper-print">{t('paper.printHeading')}</h3>
      <p className="hint">{t('paper.printIntro')}</p>
      <div className="row-fields">
        <label htmlFor="paper-print-day">{t('paper.day')}</label>
        <input id="paper-print-day" {...dayInput(day, setDay, t('dates.day'))} />
        <MealTypeSelect id="paper-print-meal" value={mealType} onChange={setMealType} />
        <button type="button" className="primary big" onClick={() => void print()}>
          {t('paper.print')}
        </button>
      </div>
      <NoticeLine tone="error" text={problem} />
      {open && sheet && chosen && sheet.day === chosen && (
        <EmergencySheet sheet={sheet} mealType={mealType} onClose={() => setOpen(false)} />
      )}
    </section>
  );
}

interface Draft {
  key: number;
  row: PaperRowEntry;
  problems: PaperProblem[];
}

function BackfillPanel() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const nameOf = useNameOf();
  const [day, setDay] = useState(localDay(new Date()));
  const [mealType, setMealType] = useState<MealType>('lunch');
  const [code, setCode] = useState('');
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [notice, setNotice] = useState<Notice>(null);
  const [saved, setSaved] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const chosen = readDay(day);
  // Everyone on the record, so that a card of someone who left is named, with why, not unknown.
  const members = useDeskRead(paperPeople$, [] as MemberDoc[]);
  const managers = useDeskRead(paperManagers$, [] as { id: string; name: string }[]);
  const byId = new Map(members.map((m) => [m.id, m]));

  // A scanner types the code and Enter, as fast as it can (a keyboard wedge): the form's submit.
  function add(e: FormEvent) {
    e.preventDefault();
    const person = personByCode(members, code);
    if (!person) {
      setNotice({ tone: 'error', text: t('paper.unknownCode', { code: code.trim() }) });
      return;
    }
    const cared = chosen ? inCareOn(person, chosen) : { ok: true as const };
    if (!cared.ok) {
      setNotice({
        tone: 'error',
        text: `${nameOf(person)}：${t(`paper.problem.${cared.code}`, { from: cared.from })}`,
      });
      setCode('');
      return;
    }
    setCode('');
    setNotice(null);
    setDrafts((list) => [...list, { key: nextKey, row: emptyPaperRow(person.id), problems: [] }]);
    setNextKey((k) => k + 1);
  }

  async function save() {
    if (!chosen) return setNotice({ tone: 'error', text: t('paper.dayUnreadable') });
    setBusy(true);
    try {
      const results = await backfillPaperSheet(
        desk,
        chosen,
        mealType,
        drafts.map((d) => d.row),
      );
      const kept: Draft[] = [];
      const names: string[] = [];
      let failure: unknown = null;
      for (const r of results) {
        const draft = drafts[r.index]!;
        if (r.kind === 'saved') {
          const m = byId.get(draft.row.memberId);
          names.push(m ? nameOf(m) : draft.row.memberId);
        } else if (r.kind === 'refused') kept.push({ ...draft, problems: r.problems });
        else {
          failure = r.error;
          kept.push(draft);
        }
      }
      setDrafts(kept);
      setSaved((list) => [...names, ...list]);
      setNotice(
        failure
          ? { tone: 'error', text: saveErrorText(t, failure) }
          : kept.length
            ? {
                tone: 'error',
                text: t('paper.refusedSummary', { count: kept.length, saved: names.length }),
              }
            : { tone: 'ok', text: t('paper.allSaved', { count: names.length, day: chosen }) },
      );
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="paper-backfill">
      <h3 id="paper-backfill">{t('paper.backfillHeading')}</h3>
      <p className="hint">{t('paper.backfillIntro')}</p>
      <div className="row-fields">
        <label htmlFor="paper-day">{t('paper.paperDay')}</label>
        <input id="paper-day" {...dayInput(day, setDay, t('dates.day'))} />
        <MealTypeSelect id="paper-meal" value={mealType} onChange={setMealType} />
      </div>
      <form className="row-fields" onSubmit={add}>
        <label htmlFor="paper-scan">{t('paper.scan')}</label>
        <input
          id="paper-scan"
          autoComplete="off"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit">{t('paper.add')}</button>
      </form>
      <NoticeLine notice={notice} />
      {drafts.length === 0 ? (
        <p className="empty">{t('paper.noRows')}</p>
      ) : (
        <table className="grid backfill" aria-label={t('paper.backfillHeading')}>
          <thead>
            <tr>
              <th>{t('paper.name')}</th>
              <th>{t('paper.timeIn')}</th>
              <th>{t('paper.timeOut')}</th>
              <th>{t('paper.pickedUpBy')}</th>
              <th>{t('paper.meal', { meal: t(`meals.mealType.${mealType}`) })}</th>
              <th>{t('paper.check')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {drafts.map((d) => {
              const member = byId.get(d.row.memberId);
              if (!member) return null;
              return (
                <BackfillRow
                  key={d.key}
                  member={member}
                  managers={managers}
                  row={d.row}
                  problems={d.problems}
                  onChange={(row) =>
                    setDrafts((list) => list.map((x) => (x.key === d.key ? { ...x, row } : x)))
                  }
                  onRemove={() => setDrafts((list) => list.filter((x) => x.key !== d.key))}
                />
              );
            })}
          </tbody>
        </table>
      )}
      {drafts.length > 0 && (
        <button type="button" className="primary big" disabled={busy} onClick={() => void save()}>
          {t('paper.save', { count: drafts.length })}
        </button>
      )}
      {/* The paper's day on the daily sheet, 补录 marked, to print for the file. */}
      {chosen && <DailySheetPanel day={chosen} heading={t('paper.daySheet', { day: chosen })} />}
      {saved.length > 0 && (
        <section aria-labelledby="paper-saved">
          <h4 id="paper-saved">{t('paper.savedHeading', { count: saved.length })}</h4>
          <ul className="paper-saved">
            {saved.map((name, i) => (
              <li key={i}>
                <span className="badge paper-mark">{t('paper.mark')}</span> {name}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
