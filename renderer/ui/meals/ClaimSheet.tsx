import { useTranslation } from 'react-i18next';
import type { MealClaim } from '../../../shared/rules/meals';
import { localDateTime } from '../../../shared/time';
import { useDesk } from '../app/DeskContext';
import { PrintSheet } from '../kit/PrintSheet';
import { ClaimTables } from './ClaimTables';

/** The claim as a printed sheet (like the roll call): only the sheet prints. */
export function ClaimSheet({
  claim,
  nameOf,
  onClose,
}: {
  claim: MealClaim;
  nameOf(memberId: string): string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  return (
    <PrintSheet
      titleId="claim-sheet-title"
      title={t('meals.claimTitle', { month: claim.month })}
      facts={[desk.settings.centreName, localDateTime(new Date())]}
      className="claim-sheet"
      onClose={onClose}
    >
      <ClaimTables claim={claim} nameOf={nameOf} sheet />
    </PrintSheet>
  );
}
