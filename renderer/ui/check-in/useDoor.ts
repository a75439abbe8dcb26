import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scanAgainAction } from '../../../shared/rules/checkIn';
import { doorWarnings } from '../../../shared/rules/people';
import type { AttendanceDoc, StaffDoc } from '../../../shared/schemas';
import { localTime } from '../../../shared/time';
import { checkIn, checkOut } from '../../data/attendance';
import { consentsOf } from '../../data/members';
import type { VisibleMember } from '../../data/people';
import type { PresentRow } from '../../data/presence';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { useRules } from '../kit/hooks';
import type { Arrival } from './ArrivalCard';
import type { Found } from './Finder';
import type { NoticeText } from '../kit/Notice';
import { useNameOf } from '../kit/PersonName';

/** A child waiting to be handed to an adult on their list (the pick-up dialog). */
export interface Pickup {
  child: VisibleMember;
  visit: AttendanceDoc;
}

/** Someone scanned again, where the centre's rules ask "签退？" first. */
export interface AskOut {
  name: string;
  visit: AttendanceDoc;
}

/**
 * The door: checking people in and out, and what the desk says about it — the last arrival with
 * its warnings, or a line (done, already in, what failed). A child's check-out goes through the
 * pick-up dialog (`pickup`). A second scan of someone in the building checks them out, or asks
 * first (`askOut`), by the centre's rule `scanAgain`. `morningChecked` says whose morning check
 * is done today.
 */
export function useDoor(today: string, morningChecked: ReadonlySet<string>, refocus: () => void) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const nameOf = useNameOf();
  const [notice, setNotice] = useState<NoticeText | null>(null);
  const [arrival, setArrival] = useState<Arrival | null>(null);
  const [pickup, setPickup] = useState<Pickup | null>(null);
  const [askOut, setAskOut] = useState<AskOut | null>(null);
  const rules = useRules();

  const alreadyIn = (name: string, visit: AttendanceDoc) =>
    setNotice({
      tone: 'warn',
      text: t('checkIn.alreadyIn', { name, time: localTime(visit.checkInAt) }),
    });

  async function goOut(name: string, visitId: string) {
    await checkOut(desk, visitId);
    setArrival(null);
    setNotice({ tone: 'ok', text: t('checkIn.checkedOut', { name }) });
  }

  /** A scan of someone already in: out, asked, the pick-up check, or "already in". */
  async function scannedAgain(name: string, visit: AttendanceDoc, child: VisibleMember | null) {
    setArrival(null);
    const now = new Date();
    const action = scanAgainAction(
      visit.checkInAt,
      now,
      child ? 'child' : 'other',
      rules.scanAgain,
    );
    if (action === 'alreadyIn') alreadyIn(name, visit);
    else if (action === 'pickup' && child) setPickup({ child, visit });
    else if (action === 'ask') setAskOut({ name, visit });
    else await goOut(name, visit.id);
  }

  async function arriveStaff(person: StaffDoc) {
    const result = await checkIn(desk, person.id, new Date(), { personKind: 'staff' });
    if (result.kind === 'alreadyIn') return scannedAgain(person.name, result.visit, null);
    setNotice({ tone: 'ok', text: t('checkIn.staffIn', { name: person.name }) });
    setArrival(null);
  }

  async function arriveMember(member: VisibleMember) {
    const result = await checkIn(desk, member.id);
    if (result.kind === 'alreadyIn')
      return scannedAgain(nameOf(member), result.visit, member.kind === 'child' ? member : null);
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
      await goOut(nameOf({ id: row.visit.memberId, name: row.name }), row.visit.id);
    } catch (e) {
      setNotice({ tone: 'error', text: saveErrorText(t, e) });
    }
    refocus();
  }

  /** The "签退？" dialog answered. */
  async function askOutAnswered(yes: boolean) {
    const asked = askOut;
    setAskOut(null);
    if (yes && asked) {
      try {
        await goOut(asked.name, asked.visit.id);
      } catch (e) {
        setNotice({ tone: 'error', text: saveErrorText(t, e) });
      }
    }
    refocus();
  }

  /** The pick-up dialog closed; `checkedOut` when the child went home. */
  function pickupClosed(checkedOut: boolean) {
    if (checkedOut && pickup)
      setNotice({ tone: 'ok', text: t('checkIn.checkedOut', { name: nameOf(pickup.child) }) });
    setPickup(null);
  }

  return {
    notice,
    setNotice,
    arrival,
    pickup,
    pickupClosed,
    askOut,
    askOutAnswered,
    arrive,
    leave,
  };
}
