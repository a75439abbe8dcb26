import type { TFunction } from 'i18next';
import { DuplicateIdentityError, LikelyDuplicateError } from '../../data/identity';
import { NotInCareError } from '../../data/people';
import { storeFault } from '../../data/storeErrors';
import type { SyncError, SyncErrorCode } from '../../sync/errors';

/** Why a save failed, in words: a full or failing store says so and what to do; else the reason. */
export function saveErrorText(t: TFunction, error: unknown): string {
  const fault = storeFault(error);
  if (fault) return t(`store.${fault}`);
  if (error instanceof NotInCareError)
    return t(`people.notInCare.${error.state}`, { name: error.personName });
  if (error instanceof LikelyDuplicateError)
    return `${t('identity.likely')}${error.people.map((p) => p.name).join('、')}`;
  if (error instanceof DuplicateIdentityError)
    return t('identity.takenBy', { name: error.existing.name, card: error.existing.cardNo ?? '—' });
  return t('checkIn.failed', {
    message: error instanceof Error ? error.message : String(error),
  });
}

/** Sync failures the desk words itself (sync.errors.<code>); others show the server's message. */
const WORDED_SYNC_ERRORS = [
  'unauthorized',
  'device_revoked',
  'enrolment_code_invalid',
  'invalid_document',
  'wrong_centre',
  'staff_not_authorised',
  'server_unreachable',
  'timed_out',
  'offline',
] as const satisfies readonly SyncErrorCode[];

const isWorded = (code: SyncErrorCode): code is (typeof WORDED_SYNC_ERRORS)[number] =>
  WORDED_SYNC_ERRORS.some((worded) => worded === code);

/** A sync failure in words a receptionist understands, with what to do about it. */
export function syncErrorText(t: TFunction, error: SyncError): string {
  const { code } = error;
  if (!isWorded(code)) return t('sync.errors.other', { message: error.message });
  if (code === 'device_revoked' && error.reason)
    return t('sync.errors.device_revokedBecause', { reason: error.reason });
  const detail =
    error.problems?.map((p) => `${p.collection}/${p.id}: ${p.reason}`).join('; ') ?? error.message;
  return t(`sync.errors.${code}`, { detail });
}
