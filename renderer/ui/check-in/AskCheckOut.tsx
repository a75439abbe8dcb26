import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { localTime } from '../../../shared/time';
import { Dialog } from '../kit/Dialog';

/**
 * "签退？" after a second scan, where the centre's rules say a scan asks (`scanAgain: 'ask'`):
 * the answer has the focus, so the scanner's hand presses Enter to check out, Esc to cancel.
 */
export function AskCheckOut({
  name,
  checkInAt,
  onAnswer,
}: {
  name: string;
  checkInAt: string;
  onAnswer(checkOut: boolean): void;
}) {
  const { t } = useTranslation();
  const yes = useRef<HTMLButtonElement>(null);
  // After the dialog opened (its effect runs first), which focuses its first button otherwise.
  useEffect(() => yes.current?.focus(), []);
  return (
    <Dialog title={t('checkIn.askOut', { name })} onClose={() => onAnswer(false)}>
      <p>{t('checkIn.askOutText', { name, time: localTime(checkInAt) })}</p>
      <div className="actions">
        <button ref={yes} type="button" className="primary big" onClick={() => onAnswer(true)}>
          {t('checkIn.askOutYes')}
        </button>
        <button type="button" className="big" onClick={() => onAnswer(false)}>
          {t('checkIn.askOutNo')}
        </button>
      </div>
    </Dialog>
  );
}
