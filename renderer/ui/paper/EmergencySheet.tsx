import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MealType } from '../../../shared/rules/dailySettings';
import type { MemberDoc } from '../../../shared/schemas';
import { sheetCode, type PaperSheetData } from '../../data/paper';
import { useDesk } from '../app/DeskContext';
import { PersonName } from '../kit/PersonName';
import { PrintSheet } from '../kit/PrintSheet';
import { useBarcodes, type ToSvg } from '../people/MemberCard';

/**
 * The emergency sheet of a day without the computer (纸质应急表), printed ahead: every person in
 * care with the barcode of their card and boxes for time in, time out, who took a child home, the
 * meal and the morning check; then the day's delivered meals. A4 portrait; staff scan the barcodes
 * afterwards at 补录 (BackfillPanel).
 */
export function EmergencySheet({
  sheet,
  mealType,
  onClose,
}: {
  sheet: PaperSheetData;
  mealType: MealType;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const toSvg = useBarcodes();
  const byId = new Map(sheet.members.map((m) => [m.id, m]));
  const meal = t(`meals.mealType.${mealType}`);
  return (
    <PrintSheet
      titleId="paper-sheet-title"
      className="paper-sheet"
      title={t('paper.sheetTitle', { day: sheet.day })}
      facts={[desk.settings.centreName, t('paper.sheetNote')]}
      onClose={onClose}
    >
      <table
        className="grid paper-table"
        aria-label={t('paper.members', { count: sheet.members.length })}
      >
        <caption>{t('paper.members', { count: sheet.members.length })}</caption>
        <thead>
          <tr>
            <th>{t('paper.code')}</th>
            <th>{t('paper.name')}</th>
            <th>{t('paper.timeIn')}</th>
            <th>{t('paper.timeOut')}</th>
            <th>{t('paper.pickedUpBy')}</th>
            <th>{t('paper.meal', { meal })}</th>
            <th>{t('paper.check')}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.members.map((m) => (
            <SheetRow key={m.id} member={m} toSvg={toSvg} />
          ))}
        </tbody>
      </table>
      <table
        className="grid paper-table deliveries"
        aria-label={t('paper.deliveries', { count: sheet.deliveries.length })}
      >
        <caption>{t('paper.deliveries', { count: sheet.deliveries.length })}</caption>
        <thead>
          <tr>
            <th>{t('paper.name')}</th>
            <th>{t('meals.mealLabel')}</th>
            <th>{t('paper.deliveredBy')}</th>
            <th>{t('paper.deliveredAt')}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.deliveries.length === 0 ? (
            <tr>
              <td colSpan={4}>{t('paper.noDeliveries')}</td>
            </tr>
          ) : (
            sheet.deliveries.map((d) => {
              const person = byId.get(d.memberId);
              return (
                <tr key={`${d.memberId}|${d.mealType}`}>
                  <td className="name">{person && <PersonName person={person} />}</td>
                  <td>{t(`meals.mealType.${d.mealType}`)}</td>
                  <td className="box" />
                  <td className="box" />
                </tr>
              );
            })
          )}
        </tbody>
      </table>
      <p className="signature-line">
        {t('paper.filledBy')} <span className="sign-here" />
      </p>
    </PrintSheet>
  );
}

function SheetRow({ member, toSvg }: { member: MemberDoc; toSvg: ToSvg | null }) {
  const { t } = useTranslation();
  const code = sheetCode(member);
  const svg = useMemo(
    () =>
      toSvg?.({
        bcid: 'code128',
        text: code,
        height: 7,
        scale: 2,
        includetext: true,
        textxalign: 'center',
      }) ?? null,
    [toSvg, code],
  );
  const child = member.kind === 'child';
  return (
    <tr data-testid="paper-row">
      <td className="paper-code">
        {/* SVG made by bwip-js from the card number: no user markup. */}
        {svg ? (
          <div
            className="barcode"
            data-testid="barcode"
            data-code={code}
            dangerouslySetInnerHTML={{ __html: svg }}
          />
        ) : (
          code
        )}
      </td>
      <td>
        <span className="name">
          <PersonName person={member} />
        </span>
        <br />
        {t(`kind.${member.kind}`)}
        {member.childClass ? ` · ${t(`childClass.${member.childClass}`)}` : ''}
      </td>
      <td className="box" />
      <td className="box" />
      <td className="box">{child ? '' : '—'}</td>
      <td className="tick">□</td>
      <td className="morning-check">{child ? t('paper.checkBoxes') : '—'}</td>
    </tr>
  );
}
