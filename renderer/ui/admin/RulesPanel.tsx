import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RULES, type CentreRules, type RulesError } from '../../../shared/rules/settings';
import { CHILD_CLASSES } from '../../../shared/schemas/members';
import { rulesInForce$, saveRules } from '../../data/rules';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';

type Numeric =
  'feverFrom' | 'pinMaxFailures' | 'pinLockMinutes' | 'idleLockMinutes' | 'certificateWarnDays';

/** The manager sets the centre's rules on the desk (until the district pushes its own). */
export function RulesPanel() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const source = useMemo(() => rulesInForce$(desk), [desk]);
  const state = useObservable(source, null);
  const current = state?.rules ?? DEFAULT_RULES;
  const locked = (field: string) => state?.fromDistrict.includes(field) ?? false;
  const [draft, setDraft] = useState<CentreRules>(current);
  const [errors, setErrors] = useState<RulesError[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(current), [current]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await saveRules(desk, draft);
    if (result.ok) {
      setErrors([]);
      setSaved(true);
    } else setErrors(result.errors);
  }

  const errorOf = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e ? (
      <span className="field-error" role="alert">
        {t(`rules.problem.${e.problem}`, { min: e.min, max: e.max })}
      </span>
    ) : null;
  };
  const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
  const numberField = (field: string, label: string, value: number, set: (n: number) => void) => (
    <div className="field inline" key={field}>
      <label htmlFor={`rule-${field}`}>{label}</label>
      <input
        id={`rule-${field}`}
        readOnly={locked(field)}
        aria-describedby={locked(field) ? 'rules-district' : undefined}
        inputMode="decimal"
        value={Number.isNaN(value) ? '' : String(value)}
        onChange={(e) => set(number(e.target.value))}
        aria-invalid={errors.some((x) => x.field === field)}
      />
      {locked(field) && <span className="hint">{t('rules.byDistrict')}</span>}
      {errorOf(field)}
    </div>
  );
  const timeField = (field: 'childrenExpectedBy' | 'closingTime') => (
    <div className="field inline">
      <label htmlFor={`rule-${field}`}>{t(`rules.${field}`)}</label>
      <input
        id={`rule-${field}`}
        type="time"
        readOnly={locked(field)}
        aria-describedby={locked(field) ? 'rules-district' : undefined}
        value={draft[field]}
        onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
      />
      {locked(field) && <span className="hint">{t('rules.byDistrict')}</span>}
      {errorOf(field)}
    </div>
  );
  const plain = (field: Numeric) =>
    numberField(field, t(`rules.${field}`), draft[field], (n) =>
      setDraft({ ...draft, [field]: n }),
    );

  return (
    <form
      className="panel rules"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="rules-title"
    >
      <h3 id="rules-title">{t('rules.title')}</h3>
      {state?.district ? (
        <p className="notice info" id="rules-district">
          {t('rules.districtInForce', {
            title: state.district.title,
            date: state.district.publishedAt.slice(0, 10),
          })}
        </p>
      ) : (
        <p className="hint">{t('rules.help')}</p>
      )}
      {state && state.districtProblems.length > 0 && (
        <p className="notice warn" role="alert">
          {t('rules.districtRefused', {
            fields: state.districtProblems.map((p) => p.field).join('、'),
          })}
        </p>
      )}
      <fieldset>
        <legend>{t('rules.ratioLimits')}</legend>
        {CHILD_CLASSES.map((cls) =>
          numberField(`ratioLimits.${cls}`, t(`childClass.${cls}`), draft.ratioLimits[cls], (n) =>
            setDraft({ ...draft, ratioLimits: { ...draft.ratioLimits, [cls]: n } }),
          ),
        )}
      </fieldset>
      {timeField('childrenExpectedBy')}
      {timeField('closingTime')}
      <fieldset>
        <legend>{t('rules.outbreak')}</legend>
        {(['sameDay', 'windowDays', 'inWindow'] as const).map((k) =>
          numberField(`outbreak.${k}`, t(`rules.outbreak_${k}`), draft.outbreak[k], (n) =>
            setDraft({ ...draft, outbreak: { ...draft.outbreak, [k]: n } }),
          ),
        )}
      </fieldset>
      {plain('feverFrom')}
      {plain('pinMaxFailures')}
      {plain('pinLockMinutes')}
      {plain('idleLockMinutes')}
      {plain('certificateWarnDays')}
      <button type="submit" className="primary big">
        {t('rules.save')}
      </button>
      {saved && (
        <p className="notice ok" role="status">
          {t('rules.saved')}
        </p>
      )}
    </form>
  );
}
