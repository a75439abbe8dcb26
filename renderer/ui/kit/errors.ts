import type { TFunction } from 'i18next';
import { storeFault } from '../../data/storeErrors';

/** Why a save failed, in words: a full or failing store says so and what to do; else the reason. */
export function saveErrorText(t: TFunction, error: unknown): string {
  const fault = storeFault(error);
  if (fault) return t(`store.${fault}`);
  return t('checkIn.failed', {
    message: error instanceof Error ? error.message : String(error),
  });
}
