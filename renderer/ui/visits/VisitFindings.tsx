import { useTranslation } from 'react-i18next';
import { VISIT_FINDINGS, type VisitFinding } from '../../../shared/schemas/visits';
import { Field, fieldAria } from '../kit/Field';

export type Findings = Partial<Record<VisitFinding, string>>;

/** What the visit found (living conditions, safety, services given…), a short text each. */
export function VisitFindings({
  findings,
  errors,
  onChange,
}: {
  findings: Findings;
  errors: Readonly<Record<string, string>>;
  onChange(finding: VisitFinding, text: string): void;
}) {
  const { t } = useTranslation();
  return (
    <details className="findings" open>
      <summary>{t('visits.findingsTitle')}</summary>
      {VISIT_FINDINGS.map((f) => (
        <Field key={f} id={`visit-${f}`} label={t(`visits.finding_${f}`)} error={errors[f]}>
          <textarea
            id={`visit-${f}`}
            rows={1}
            value={findings[f] ?? ''}
            onChange={(e) => onChange(f, e.target.value)}
            {...fieldAria(`visit-${f}`, errors[f])}
          />
        </Field>
      ))}
    </details>
  );
}
