import { useTranslation } from 'react-i18next';
import { VISIT_KINDS, type VisitKind } from '../../../shared/rules/dailySettings';
import { RadioGroup } from '../kit/Choices';
import { FieldError } from '../kit/Field';

/** The visit's two taps: its kind, and whether the elder was reached (if not, it does not count). */
export function VisitChoices({
  kind,
  setKind,
  reached,
  setReached,
  kindError,
}: {
  kind: VisitKind;
  setKind(kind: VisitKind): void;
  reached: boolean;
  setReached(reached: boolean): void;
  kindError?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <RadioGroup
        look="big"
        legend={t('visits.kind')}
        name="visit-kind"
        options={VISIT_KINDS}
        value={kind}
        label={(k) => t(`visits.kind_${k}`)}
        onChange={setKind}
      >
        <FieldError error={kindError} />
      </RadioGroup>
      <RadioGroup
        look="big"
        legend={t('visits.reached')}
        name="visit-reached"
        options={[true, false]}
        value={reached}
        label={(r) => t(r ? 'visits.reachedYes' : 'visits.reachedNo')}
        onChange={setReached}
      >
        {!reached && <p className="hint">{t('visits.notCounted')}</p>}
      </RadioGroup>
    </>
  );
}
