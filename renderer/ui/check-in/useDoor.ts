import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { doorWarnings } from '../../../shared/rules/people';
import type { AttendanceDoc, StaffDoc } from '../../../shared/schemas';
import { localTime } from '../../../shared/time';
import { checkIn, checkOut } from '../../data/attendance';
import { consentsOf } from '../../data/members';
import type { VisibleMember } from '../../data/people';
import type { PresentRow } from '../../data/presence';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import type { Arrival } from './ArrivalCard';
import type { Found } from './Finder';
import type { NoticeText } from '../kit/Notice';
import { useNameOf } from '../kit/PersonName';

/** A child waiting to be handed to an adult on their list (the pick-up dialog). */
export interface Pickup {
  child: VisibleMember;
  visit: AttendanceDoc;
}

/**
 * The door: checking people in and out, and what the desk says about it — the last arrival with
 * its warnings, or a line (done, already in, what failed). A child's check-out goes through the
 * pick-up dialog (`pickup`). `morningChecked` says whose morning check is done today.
 */
export function useDoor(today: string, morningChecked: ReadonlySet<string>, refocus: () => void) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const nameOf = useNameOf();
  const [notice, setNotice] = useState<NoticeText | null>(null);
  const [arrival, setArrival] = useState<Arrival | null>(null);
  const [pickup, setPickup] = useState<Pickup | null>(null);

  const alreadyIn = (name: string, visit: AttendanceDoc) =>
    setNotice({
      tone: 'warn',
      text: t('checkIn.alreadyIn', { name, time: localTime(visit.checkInAt) }),
    });

  async function arriveStaff(person: StaffDoc) {
    const result = await checkIn(desk, person.id, new Date(), { personKind: 'staff' });
    if (result.kind === 'checkedIn')
      setNotice({ tone: 'ok', text: t('checkIn.staffIn', { name: person.name }) });
    else alreadyIn(person.name, result.visit);
    setArrival(null);
  }

  async function arriveMember(member: VisibleMember) {
    const result = await checkIn(desk, member.id);
    if (result.kind === 'alreadyIn') {
      setArrival(null);
      return alreadyIn(nameOf(member), result.visit);
    }
    const consents = await consentsOf(desk, member.id);
    setNotice(null);
    setArrival({
      member,
      at: result.visit.checkInAt,
      warnings: doorWarnings(member, consents, today, morningChecked.has(member.id)),
    });
  }

  /** Checks the person found in; true when done (the finder then clears for the next scan). */
  async function arrive(found: Found): Promise<boolean> {
    let arrived = false;
    try {
      await (found.kind === 'staff' ? arriveStaff(found.person) : arriveMember(found.person));
      arrived = true;
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    }
    refocus();
    return arrived;
  }

  async function leave(row: PresentRow) {
    if (row.kind === 'child' && row.member) {
      setPickup({ child: row.member, visit: row.visit });
      return;
    }
    try {
      await checkOut(desk, row.visit.id);
      setArrival(null);
      setNotice({
        tone: 'ok',
        text: t('checkIn.checkedOut', { name: nameOf({ id: row.visit.memberId, name: row.name }) }),
      });
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    }
    refocus();
  }

  /** The pick-up dialog closed; `checkedOut` when the child went home. */
  function pickupClosed(checkedOut: boolean) {
    if (checkedOut && pickup)
      setNotice({ tone: 'ok', text: t('checkIn.checkedOut', { name: nameOf(pickup.child) }) });
    setPickup(null);
  }

  return { notice, setNotice, arrival, pickup, pickupClosed, arrive, leave };
}
