import { useTranslation } from 'react-i18next';
import { ageParts, type DoorWarning } from '../../../shared/rules/people';
import { localDay, localTime } from '../../../shared/time';
import type { VisibleMember } from '../../data/people';
import { useNameOf } from '../kit/PersonName';

/** Who the desk just checked in, shown big with what matters at the door. */
export interface Arrival {
  member: VisibleMember;
  warnings: DoorWarning[];
  at: string;
}

export function ArrivalCard({
  arrival,
  healthChecked,
  onHealthCheck,
}: {
  arrival: Arrival;
  healthChecked: boolean;
  onHealthCheck: (() => void) | null;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { member } = arrival;
  const age = ageParts(member.birthDate, localDay(new Date()));
  const warnings = arrival.warnings.filter((w) => !(w.kind === 'healthCheckDue' && healthChecked));
  return (
    <div
      className={warnings.length ? 'arrival has-warnings' : 'arrival'}
      role="status"
      aria-live="polite"
      data-testid="arrival"
    >
      <p className="arrival-name">{t('checkIn.checkedIn', { name: nameOf(member) })}</p>
      <p className="arrival-meta">
        {t(`kind.${member.kind}`)} · {t(`gender.${member.gender}`)} ·{' '}
        {member.kind === 'child'
          ? t('age.child', { years: age.years, months: age.months })
          : t('age.elder', { years: age.years })}
        {member.childClass ? ` · ${t(`childClass.${member.childClass}`)}` : ''} ·{' '}
        {localTime(arrival.at)}
      </p>
      {warnings.length > 0 && (
        <ul className="door-warnings">
          {warnings.map((w) => (
            <li key={w.kind} className={`door-warning ${w.kind}`}>
              {t(`door.${w.kind}`, {
                allergies: 'allergies' in w ? w.allergies.join('、') : '',
                diets: 'diets' in w ? w.diets.map((d) => t(`diet.${d}`)).join('、') : '',
                date: 'expiredOn' in w ? w.expiredOn : '',
              })}
            </li>
          ))}
        </ul>
      )}
      {member.kind === 'child' && !healthChecked && onHealthCheck && (
        <button type="button" className="primary big" onClick={onHealthCheck}>
          {t('health.morningCheck')}
        </button>
      )}
    </div>
  );
}
