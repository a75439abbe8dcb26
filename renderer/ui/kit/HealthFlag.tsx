import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckConcern, HealthFlag } from '../../../shared/rules/alerts';

/**
 * A flagged check in words (shared/rules/alerts.ts): "晨检 体温 38.3℃、咽部红肿 · 正常入班（保健员放行：…）".
 * Used by the in-building list, the home screen's alerts and the health record alike.
 */
export function useHealthFlagText(): (flag: HealthFlag) => string {
  const { t } = useTranslation();
  return useCallback(
    (flag: HealthFlag) => {
      const concern = (c: CheckConcern) =>
        c.kind === 'fever'
          ? t('health.concernFever', { temperature: c.temperature.toFixed(1) })
          : c.kind === 'symptom'
            ? t(`symptom.${c.symptom}`)
            : t(`observation.${c.observation}`);
      const outcome = flag.outcome ? ` · ${t(`health.outcome_${flag.outcome}`)}` : '';
      const override = flag.overrideReason
        ? t('health.overridden', { reason: flag.overrideReason })
        : '';
      return `${t(`health.${flag.kind}`)} ${flag.concerns.map(concern).join('、')}${outcome}${override}`;
    },
    [t],
  );
}

/** The badge beside a flagged child's name; the words of the flag as its title for the health roles. */
export function HealthFlagBadge({ flag, detail }: { flag: HealthFlag; detail: boolean }) {
  const { t } = useTranslation();
  const text = useHealthFlagText();
  return (
    <span className="badge error health-flag" title={detail ? text(flag) : undefined}>
      {t('health.flag')}
      {detail && <span className="flag-detail">：{text(flag)}</span>}
    </span>
  );
}
