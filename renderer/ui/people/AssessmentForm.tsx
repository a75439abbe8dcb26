import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSESSMENT_ITEMS,
  ASSESSMENT_PARTS,
  finalLevel,
  scoresOf,
  type AssessmentAnswers,
  type AssessmentReason,
} from '../../../shared/rules/assessment';
import { localDay } from '../../../shared/time';
import type { AssessmentDoc } from '../../../shared/schemas';
import { AssessmentRefused, recordAssessment } from '../../data/assessments';
import { useDesk } from '../app/DeskContext';
import { dayInput } from '../kit/dayInput';
import { NoticeLine, type NoticeText } from '../kit/Notice';

const PART_MAX = { selfCare: 32, mobility: 15, mental: 28, perception: 15 } as const;

/**
 * The assessment form of GB/T 42195-2022: the 26 items in their four parts, each answered with one
 * of the standard's answers; the part scores, the total and the level shown as they follow from
 * the answers (computed, never typed). `correcting`: a correction of that assessment.
 */
export function AssessmentForm({
  memberId,
  firstEver,
  correcting,
  onDone,
}: {
  memberId: string;
  firstEver: boolean;
  correcting?: AssessmentDoc;
  onDone(message: NoticeText | null): void;
}) {
  const { t, i18n } = useTranslation();
  const { desk } = useDesk();
  const en = i18n.language.startsWith('en');
  const [answers, setAnswers] = useState<AssessmentAnswers>(() => ({
    ...(correcting?.answers ?? {}),
  }));
  const [flags, setFlags] = useState({
    coma: !!correcting?.coma,
    dementiaOrMental: !!correcting?.dementiaOrMental,
    riskEvents: !!correcting?.riskEvents,
  });
  const [reason, setReason] = useState<AssessmentReason>(
    correcting ? 'correction' : firstEver ? 'first' : 'periodic',
  );
  const [day, setDay] = useState(correcting?.assessedOn ?? localDay(new Date()));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const scores = scoresOf(answers);
  const missing = ASSESSMENT_ITEMS.filter((i) => answers[i.id] === undefined);
  const level = finalLevel(scores.total, flags);

  async function save() {
    try {
      const doc = await recordAssessment(desk, {
        memberId,
        assessedOn: day,
        reason,
        answers,
        ...flags,
        ...(correcting ? { corrects: correcting.id } : {}),
        note,
      });
      onDone({
        tone: 'ok',
        text: t('assessment.saved', { level: t(`ability.${doc.level}`), date: doc.dueOn }),
      });
    } catch (e) {
      if (!(e instanceof AssessmentRefused)) throw e;
      setProblem(
        e.problem === 'answers'
          ? t('assessment.problem_answers', {
              count: e.items.length,
              items: e.items
                .map((p) => ASSESSMENT_ITEMS.find((i) => i.id === p.item)?.[en ? 'en' : 'zh'])
                .join('、'),
            })
          : t(`assessment.problem_${e.problem}`),
      );
    }
  }

  return (
    <form
      className="assessment-form"
      aria-label={t('assessment.formTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {ASSESSMENT_PARTS.map((part) => (
        <fieldset key={part} className="assessment-part">
          <legend>
            {t(`assessment.part_${part}`)} ·{' '}
            {t('assessment.partScore', { score: scores[part], max: PART_MAX[part] })}
          </legend>
          {ASSESSMENT_ITEMS.filter((i) => i.part === part).map((item) => (
            <div
              key={item.id}
              role="radiogroup"
              aria-label={en ? item.en : item.zh}
              className="item"
            >
              <span className="item-name">
                {item.id} {en ? item.en : item.zh}
              </span>
              {item.options.map((o) => (
                <label key={o.score}>
                  <input
                    type="radio"
                    name={item.id}
                    checked={answers[item.id] === o.score}
                    onChange={() => setAnswers((a) => ({ ...a, [item.id]: o.score }))}
                  />
                  {t('assessment.option', { score: o.score, text: en ? o.en : o.zh })}
                </label>
              ))}
            </div>
          ))}
        </fieldset>
      ))}
      <fieldset className="assessment-changes">
        <legend>{t('assessment.changes')}</legend>
        {(['coma', 'dementiaOrMental', 'riskEvents'] as const).map((f) => (
          <label key={f}>
            <input
              type="checkbox"
              checked={flags[f]}
              onChange={(e) => setFlags((s) => ({ ...s, [f]: e.target.checked }))}
            />
            {t(`assessment.change_${f}`)}
          </label>
        ))}
      </fieldset>
      <p className="assessment-result" role="status" aria-label={t('assessment.result')}>
        {missing.length
          ? t('assessment.stillMissing', { total: scores.total, count: missing.length })
          : t('assessment.computed', { total: scores.total, level: t(`ability.${level}`) })}
      </p>
      <div className="form-row">
        <label>
          {t('assessment.reason')}
          <select
            value={reason}
            disabled={!!correcting}
            onChange={(e) => setReason(e.target.value as AssessmentReason)}
          >
            {(correcting
              ? (['correction'] as const)
              : (['first', 'periodic', 'afterChange'] as const)
            ).map((r) => (
              <option key={r} value={r}>
                {t(`assessment.reason_${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assessment.assessedOn')}
          <input {...dayInput(day, setDay, t('dates.day'))} />
        </label>
        <label>
          {t('assessment.note')}
          <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <NoticeLine tone="error" text={problem} />
      <button type="submit">{t('assessment.save')}</button>{' '}
      <button type="button" onClick={() => onDone(null)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
