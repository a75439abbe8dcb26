import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_RULES,
  SCAN_AGAIN,
  type CentreRules,
  type RulesError,
} from '../../../shared/rules/settings';
import { readNumber } from '../../../shared/rules/numbers';
import { CHILD_CLASSES } from '../../../shared/schemas/members';
import { rulesInForce$, saveRules } from '../../data/rules';
import { useDesk } from '../app/DeskContext';
import { ChoiceGroup } from '../kit/Choices';
import { fieldAria, InputField } from '../kit/Field';
import { useDeskRead } from '../kit/hooks';
import { TitledForm } from '../kit/TitledForm';

type Numeric =
  'feverFrom' | 'pinMaxFailures' | 'pinLockMinutes' | 'idleLockMinutes' | 'certificateWarnDays';
const NUMERIC: Numeric[] = [
  'feverFrom',
  'pinMaxFailures',
  'pinLockMinutes',
  'idleLockMinutes',
  'certificateWarnDays',
];
const OUTBREAK = ['sameDay', 'windowDays', 'inWindow'] as const;

/** A number typed in the form: empty is "not a number", which the rules' check refuses by name. */
const numberOf = (text: string) => readNumber(text) ?? Number.NaN;
const textOf = (n: number) => (Number.isNaN(n) ? '' : String(n));

/** The manager sets the centre's rules on the desk (until the district pushes its own). */
export function RulesPanel() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const state = useDeskRead(rulesInForce$, null);
  const current = state?.rules ?? DEFAULT_RULES;
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

  const field = (path: string, label: string, value: string, set: (text: string) => void) => {
    const e = errors.find((x) => x.field === path);
    return (
      <RuleField
        key={path}
        path={path}
        label={label}
        value={value}
        onChange={set}
        locked={state?.fromDistrict.includes(path) ?? false}
        error={e && t(`rules.problem.${e.problem}`, { min: e.min, max: e.max })}
        type={path === 'childrenExpectedBy' || path === 'closingTime' ? 'time' : 'number'}
      />
    );
  };

  return (
    <TitledForm
      titleId="rules-title"
      title={t('rules.title')}
      heading="h3"
      className="panel rules"
      onSubmit={submit}
    >
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
      {state?.upcoming && (
        <p className="notice info">
          {t('rules.districtUpcoming', {
            title: state.upcoming.title,
            date: state.upcoming.effectiveFrom,
          })}
        </p>
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
          field(`ratioLimits.${cls}`, t(`childClass.${cls}`), textOf(draft.ratioLimits[cls]), (v) =>
            setDraft({ ...draft, ratioLimits: { ...draft.ratioLimits, [cls]: numberOf(v) } }),
          ),
        )}
      </fieldset>
      {(['childrenExpectedBy', 'closingTime'] as const).map((path) =>
        field(path, t(`rules.${path}`), draft[path], (v) => setDraft({ ...draft, [path]: v })),
      )}
      <fieldset>
        <legend>{t('rules.outbreak')}</legend>
        {OUTBREAK.map((k) =>
          field(`outbreak.${k}`, t(`rules.outbreak_${k}`), textOf(draft.outbreak[k]), (v) =>
            setDraft({ ...draft, outbreak: { ...draft.outbreak, [k]: numberOf(v) } }),
          ),
        )}
      </fieldset>
      {NUMERIC.map((path) =>
        field(path, t(`rules.${path}`), textOf(draft[path]), (v) =>
          setDraft({ ...draft, [path]: numberOf(v) }),
        ),
      )}
      <ChoiceGroup
        type="radio"
        legend={t('rules.scanAgain')}
        look="field"
        options={SCAN_AGAIN}
        label={(mode) => t(`rules.scanAgain_${mode}`)}
        invalid={errors.some((e) => e.field === 'scanAgain')}
        input={(mode) => ({
          name: 'rule-scanAgain',
          checked: draft.scanAgain === mode,
          // A setting the district decides is shown, not changed.
          disabled: state?.fromDistrict.includes('scanAgain') ?? false,
          onChange: () => setDraft({ ...draft, scanAgain: mode }),
        })}
      >
        <p className="hint">{t('rules.scanAgainHint')}</p>
      </ChoiceGroup>
      <button type="submit" className="primary big">
        {t('rules.save')}
      </button>
      {saved && (
        <p className="notice ok" role="status">
          {t('rules.saved')}
        </p>
      )}
    </TitledForm>
  );
}

/** One rule: read-only when the district set it (and says so), its error beside it. */
function RuleField({
  path,
  label,
  value,
  onChange,
  locked,
  error,
  type,
}: {
  path: string;
  label: string;
  value: string;
  onChange(text: string): void;
  locked: boolean;
  error: string | undefined;
  type: 'number' | 'time';
}) {
  const { t } = useTranslation();
  const id = `rule-${path}`;
  // A locked rule is also described by the note naming the district's rules.
  const describedBy = [
    fieldAria(id, error, locked)['aria-describedby'],
    locked ? 'rules-district' : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <InputField
      id={id}
      label={label}
      inline
      hint={locked ? t('rules.byDistrict') : null}
      error={error}
      {...(type === 'time' ? { type: 'time' } : { inputMode: 'decimal' })}
      readOnly={locked}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy || undefined}
    />
  );
}
