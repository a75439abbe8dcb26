import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { refusedStaffRecords$ } from '../../data/staffAuthority';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';

/** Staff records from the district that this desk did not take: no valid manager's signature. */
export function RefusedStaffRecords() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const refused = useObservable(
    useMemo(() => refusedStaffRecords$(desk), [desk]),
    [],
  );
  if (refused.length === 0) return null;
  return (
    <div className="notice warn" role="status">
      <strong>{t('staff.refusedTitle')}</strong>
      <p>{t('staff.refusedHelp')}</p>
      <ul>
        {refused.map((r) => (
          <li key={`${r.id}@${r.updatedAt}`}>
            {t('staff.refusedItem', {
              id: r.id,
              at: r.at.slice(0, 16).replace('T', ' '),
              reason: r.reason,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
