import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import type { MealClaim } from '../../../shared/rules/meals';
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
      className="claim-sheet"
      printLabel={t('meals.printNow')}
      onClose={onClose}
    >
      <h1 id="claim-sheet-title">{t('meals.claimTitle', { month: claim.month })}</h1>
      <p>
        {[desk.settings.centreName, format(new Date(), 'yyyy-MM-dd HH:mm')]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <ClaimTables claim={claim} nameOf={nameOf} sheet />
    </PrintSheet>
  );
}
