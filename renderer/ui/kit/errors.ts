import type { TFunction } from 'i18next';
import { storeFault } from '../../data/storeErrors';
import type { SyncError } from '../../sync/errors';

/** Why a save failed, in words: a full or failing store says so and what to do; else the reason. */
export function saveErrorText(t: TFunction, error: unknown): string {
  const fault = storeFault(error);
  if (fault) return t(`store.${fault}`);
  return t('checkIn.failed', {
    message: error instanceof Error ? error.message : String(error),
  });
}

const KNOWN_SYNC_ERRORS = new Set([
  'unauthorized',
  'device_revoked',
  'enrolment_code_invalid',
  'invalid_document',
  'wrong_centre',
  'server_unreachable',
  'timed_out',
  'offline',
]);

/** A sync failure in words a receptionist understands, with what to do about it. */
export function syncErrorText(t: TFunction, error: SyncError): string {
  if (!KNOWN_SYNC_ERRORS.has(error.code)) return t('sync.errors.other', { message: error.message });
  if (error.code === 'device_revoked' && error.reason)
    return t('sync.errors.device_revokedBecause', { reason: error.reason });
  const detail =
    error.problems?.map((p) => `${p.collection}/${p.id}: ${p.reason}`).join('; ') ?? error.message;
  return t(`sync.errors.${error.code}`, { detail });
}
