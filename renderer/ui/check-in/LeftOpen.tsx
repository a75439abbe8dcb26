import { useTranslation } from 'react-i18next';
import { closeAtClosing, visitsLeftOpen$ } from '../../data/attendance';
import { useDesk } from '../app/DeskContext';
import { useDeskRead, useRules } from '../kit/hooks';

/**
 * Visits still open from an earlier day: someone was not checked out at closing. The desk says
 * so the next morning, and closes them at that day's closing time, marked as such.
 */
export function LeftOpen({ today }: { today: string }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const { closingTime } = useRules();
  const left = useDeskRead(visitsLeftOpen$, [], today);
  if (left.length === 0) return null;
  return (
    <div className="notice warn" role="status">
      {t('closing.leftOpen', { count: left.length, day: left[0]!.day })}{' '}
      <button
        type="button"
        onClick={() => void Promise.all(left.map((v) => closeAtClosing(desk, v.id, closingTime)))}
      >
        {t('closing.closeThem', { time: closingTime })}
      </button>
    </div>
  );
}
