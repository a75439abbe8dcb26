import type BwipJs from 'bwip-js/browser';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberDoc } from '../../../shared/schemas';
import { useDesk } from '../app/DeskContext';
import { PrintSheet } from '../kit/PrintSheet';

/** Cards on one A4 page: two across, five down (85.6 × 54 mm each, with margins). */
export const CARDS_PER_PAGE = 10;

export type ToSvg = typeof BwipJs.toSVG;

/** The member card: name, kind, card number as a Code 128 barcode and a QR code, printed. */
export function MemberCard({ member, onClose }: { member: MemberDoc; onClose(): void }) {
  const toSvg = useBarcodes();
  return (
    <PrintSheet titleId="card-title" className="card-sheet" onClose={onClose}>
      <CardFace member={member} toSvg={toSvg} titleId="card-title" />
    </PrintSheet>
  );
}

/** 打印会员卡（A4）: the cards of many members, ten to an A4 page, to cut out. */
export function MemberCardsSheet({
  members,
  onClose,
}: {
  members: readonly MemberDoc[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const toSvg = useBarcodes();
  const pages: MemberDoc[][] = [];
  for (let i = 0; i < members.length; i += CARDS_PER_PAGE)
    pages.push(members.slice(i, i + CARDS_PER_PAGE));
  return (
    <PrintSheet
      titleId="cards-title"
      title={t('people.cardsTitle', { count: members.length })}
      className="cards-sheet"
      note={t('people.cardsNote', { pages: pages.length })}
      onClose={onClose}
    >
      {pages.map((page, i) => (
        <div key={i} className="cards-page" data-testid="cards-page">
          {page.map((m) => (
            <CardFace key={m.id} member={m} toSvg={toSvg} />
          ))}
        </div>
      ))}
    </PrintSheet>
  );
}

/** One card's face: the centre's name (the first start's, or the district's after enrolment). */
function CardFace({
  member,
  toSvg,
  titleId,
}: {
  member: MemberDoc;
  toSvg: ToSvg | null;
  titleId?: string;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const text = member.cardNo ?? member.id;
  const codes = useMemo(
    () =>
      toSvg && {
        barcode: toSvg({
          bcid: 'code128',
          text,
          height: 12,
          includetext: true,
          textxalign: 'center',
        }),
        qr: toSvg({ bcid: 'qrcode', text }),
      },
    [toSvg, text],
  );
  return (
    <div className="member-card" data-testid="member-card">
      <p className="card-centre">{desk.settings.centreName ?? t('app.title')}</p>
      <p id={titleId} className="card-name">
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
  );
}

/** bwip-js's SVG maker, loaded only when a card is printed (null until it is). */
export function useBarcodes(): ToSvg | null {
  const [toSvg, setToSvg] = useState<ToSvg | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import('bwip-js/browser').then(({ toSVG }) => {
      if (!cancelled) setToSvg(() => toSVG);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return toSvg;
}
