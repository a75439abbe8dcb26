import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberDoc } from '../../../shared/schemas';
import { useDesk } from '../app/DeskContext';
import { PrintSheet } from '../kit/PrintSheet';

/** The member card: name, kind, card number as a Code 128 barcode and a QR code, printed. */
export function MemberCard({ member, onClose }: { member: MemberDoc; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const codes = useCardCodes(member.cardNo ?? member.id);
  return (
    <PrintSheet titleId="card-title" className="card-sheet" onClose={onClose}>
      <div className="member-card">
        <p className="card-centre">{desk.settings.centreName ?? t('app.title')}</p>
        <p id="card-title" className="card-name">
          {member.name}
        </p>
        <p className="card-kind">
          {t(`kind.${member.kind}`)}
          {member.childClass ? ` · ${t(`childClass.${member.childClass}`)}` : ''}
        </p>
        {codes && (
          <div className="card-codes">
            {/* SVG made by bwip-js from the card number (digits only): no user markup. */}
            <div
              className="barcode"
              data-testid="barcode"
              dangerouslySetInnerHTML={{ __html: codes.barcode }}
            />
            <div className="qr" dangerouslySetInnerHTML={{ __html: codes.qr }} />
          </div>
        )}
      </div>
    </PrintSheet>
  );
}

/** The card number as barcode and QR code SVGs; bwip-js is loaded only when a card is printed. */
function useCardCodes(text: string): { barcode: string; qr: string } | null {
  const [codes, setCodes] = useState<{ barcode: string; qr: string } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import('bwip-js/browser').then(({ toSVG }) => {
      if (!cancelled)
        setCodes({
          barcode: toSVG({
            bcid: 'code128',
            text,
            height: 12,
            includetext: true,
            textxalign: 'center',
          }),
          qr: toSVG({ bcid: 'qrcode', text }),
        });
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  return codes;
}
