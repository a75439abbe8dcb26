import { useMemo, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import type { VisibleMember } from '../../data/people';
import type { PresentRow } from '../../data/presence';
import { ScanFinder } from '../kit/Finder';

/** A staff member is found by the same search as members (name, pinyin, staff card). */
export type Found = { kind: 'member'; person: VisibleMember } | { kind: 'staff'; person: StaffDoc };

/**
 * The check-in finder: type or scan, Enter checks in the selected person. Each result offers
 * check-in, or check-out for someone already in. `children` is what the desk says about the last
 * scan, shown between the box and the results where the eyes are.
 */
export function Finder({
  inputRef,
  members,
  staff,
  inside,
  onArrive,
  onLeave,
  onNoMatch,
  notOffered = null,
  children,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  /** Who may be checked in: the people in care (renderer/data/people.ts) and active staff. */
  members: readonly VisibleMember[];
  staff: readonly StaffDoc[];
  /** The open visit of whoever is in the building, by person id. */
  inside: ReadonlyMap<string, PresentRow>;
  /** Checks the person in; true when done, so the box is cleared for the next scan. */
  onArrive(found: Found): Promise<boolean>;
  onLeave(row: PresentRow): void;
  onNoMatch(query: string): void;
  /** A card the desk has already said is not offered (someone who left): no "not found" too. */
  notOffered?: string | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const searchable = useMemo(
    () => [
      ...members.map((m) => ({ ...m, found: { kind: 'member', person: m } as Found })),
      ...staff.map((s) => ({ ...s, found: { kind: 'staff', person: s } as Found })),
    ],
    [members, staff],
  );

  return (
    <ScanFinder
      id="finder"
      label={t('checkIn.searchLabel')}
      placeholder={t('checkIn.searchPlaceholder')}
      hint={t('checkIn.hint')}
      inputRef={inputRef}
      people={searchable}
      onPick={({ found }) => onArrive(found)}
      onNoMatch={onNoMatch}
      noMatch={(query) => (query.trim() === notOffered ? null : t('checkIn.noMatch', { query }))}
      meta={({ found }) =>
        found.kind === 'staff'
          ? t(`role.${found.person.role}`)
          : `${t(`kind.${found.person.kind}`)} · ${t(`gender.${found.person.gender}`)} · ${found.person.birthDate}`
      }
      actions={({ found }, arrive) => {
        const row = inside.get(found.person.id);
        return row ? (
          <button type="button" onClick={() => onLeave(row)}>
            {t('checkIn.checkOutButton')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={arrive}>
            {t('checkIn.checkInButton')}
          </button>
        );
      }}
    >
      {children}
    </ScanFinder>
  );
}
