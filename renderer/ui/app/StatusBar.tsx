import { format, formatDistanceStrict, isToday } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { timeLeftMs, type Incoming } from '../../sync/incoming';
import { syncLine } from '../../sync/statusLine';
import { useDesk } from './DeskContext';
import { syncErrorText } from '../kit/errors';
import { useObservable } from '../kit/hooks';

/** A desk clock this far from the district's is worth a word: times it records will be wrong. */
const CLOCK_WARNING_MS = 5 * 60_000;

/** "This desk's clock is 3 days behind the district's", or null when it is about right. */
function clockWarningText(t: TFunction, language: string, offsetMs: number | null) {
  if (offsetMs === null || Math.abs(offsetMs) < CLOCK_WARNING_MS) return null;
  const amount = formatDistanceStrict(0, Math.abs(offsetMs), {
    locale: language.startsWith('zh') ? zhCN : enUS,
  });
  // A positive offset: the district is ahead, so this desk is behind.
  return t(offsetMs > 0 ? 'sync.clockBehind' : 'sync.clockAhead', { amount });
}

/** "Receiving: 12,000 in, 46,128 to come, about 1 minute left" while the desk catches up. */
function incomingText(t: TFunction, language: string, incoming: Incoming, now: number) {
  const locale = language.startsWith('zh') ? zhCN : enUS;
  const counts = {
    received: incoming.received.toLocaleString(language),
    remaining: incoming.remaining.toLocaleString(language),
  };
  const left = timeLeftMs(incoming, now);
  return left === null
    ? t('sync.incoming', counts)
    : t('sync.incomingLeft', { ...counts, left: formatDistanceStrict(0, left, { locale }) });
}

/** An absolute time does not go stale on a screen left open all day. */
function lastSyncTime(iso: string): string {
  const at = new Date(iso);
  return format(at, isToday(at) ? 'HH:mm:ss' : 'yyyy-MM-dd HH:mm');
}

/**
 * The foot of every screen: one message for the sync's state with the real count of records still
 * to go up (renderer/sync/statusLine.ts), the last sync, what is set aside, the clock.
 */
export function StatusBar() {
  const { t, i18n } = useTranslation();
  const { sync } = useDesk();
  const status = useObservable(sync.status$, sync.status$.value);
  const clockWarning = clockWarningText(t, i18n.language, status.clockOffsetMs);
  const line = syncLine(status);
  const incoming = status.incoming && incomingText(t, i18n.language, status.incoming, Date.now());
  // Not "in sync" while the district's records are still coming in: what has come, what is left.
  const receiving = line.key === 'synced' && incoming;

  return (
    <footer
      className={`statusbar ${status.mode}`}
      role="status"
      aria-live="polite"
      data-sync-mode={status.mode}
      data-pending={status.pending}
    >
      <span className={`mode ${receiving ? 'receiving' : line.key}`} data-testid="sync-line">
        {receiving
          ? incoming
          : line.key === 'error'
            ? t('sync.line.error', {
                count: line.count,
                reason: line.error ? syncErrorText(t, line.error) : t('sync.error'),
              })
            : t(`sync.line.${line.key}`, { count: line.count })}
      </span>
      {status.mode !== 'unenrolled' && (
        <span className="last">
          {status.lastSyncAt
            ? t('sync.lastSync', { time: lastSyncTime(status.lastSyncAt) })
            : t('sync.never')}
        </span>
      )}
      {incoming && !receiving && (
        <span className="incoming" data-testid="incoming">
          {incoming}
        </span>
      )}
      {status.setAside.length > 0 && (
        <span
          className="error set-aside"
          data-testid="set-aside"
          title={status.setAside.map((d) => `${d.collection}/${d.id}: ${d.reason}`).join('\n')}
        >
          {t('sync.setAside', { count: status.setAside.length })}
        </span>
      )}
      {clockWarning && (
        <span className="error clock" data-testid="clock-warning">
          {clockWarning}
        </span>
      )}
    </footer>
  );
}
