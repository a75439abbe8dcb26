import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import type { HealthCheckKind } from '../../../shared/rules/checkIn';
import { doorWarnings } from '../../../shared/rules/people';
import type { AttendanceDoc, StaffDoc } from '../../../shared/schemas';
import { localDay, localTime } from '../../../shared/time';
import { checkIn, checkOut } from '../../data/attendance';
import { consentsOf } from '../../data/members';
import type { VisibleMember } from '../../data/people';
import { PRESENT_GROUPS, type PresentRow } from '../../data/presence';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { ArrivalCard, type Arrival } from './ArrivalCard';
import { CorrectVisitDialog } from './CorrectVisitDialog';
import { Finder, type Found } from './Finder';
import { HealthCheckDialog } from './HealthCheckDialog';
import { InBuilding } from './InBuilding';
import { LeftOpen } from './LeftOpen';
import { Notice, type NoticeText } from './Notice';
import { PickupDialog } from './PickupDialog';
import { useCheckInData } from './useCheckInData';
import { VisitorSignIn } from './VisitorForm';

/** 签到签退: the finder and the last arrival on the left, who is in the building on the right. */
export function CheckInScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const role = desk.session?.staff.role;
  const today = localDay(new Date());
  const { members, staff, present, done } = useCheckInData(today);
  const [notice, setNotice] = useState<NoticeText | null>(null);
  const [arrival, setArrival] = useState<Arrival | null>(null);
  const [pickupFor, setPickupFor] = useState<{
    child: VisibleMember;
    visit: AttendanceDoc;
  } | null>(null);
  const [healthFor, setHealthFor] = useState<{
    member: VisibleMember;
    kind: HealthCheckKind;
  } | null>(null);
  const [correcting, setCorrecting] = useState<PresentRow | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inside = useMemo(
    () => new Map(PRESENT_GROUPS.flatMap((g) => present[g].map((r) => [r.visit.memberId, r]))),
    [present],
  );
  const mayCheckHealth = can(role, 'viewHealth');

  function refocus() {
    setTimeout(() => input.current?.focus(), 0);
  }
  const failed = (e: unknown) => setNotice({ tone: 'error', text: saveErrorText(t, e) });
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
      return alreadyIn(member.name, result.visit);
    }
    const consents = await consentsOf(desk, member.id);
    setNotice(null);
    setArrival({
      member,
      at: result.visit.checkInAt,
      warnings: doorWarnings(member, consents, today, done.morning.has(member.id)),
    });
  }

  async function arrive(found: Found): Promise<boolean> {
    let arrived = false;
    try {
      await (found.kind === 'staff' ? arriveStaff(found.person) : arriveMember(found.person));
      arrived = true;
    } catch (e) {
      failed(e);
    }
    refocus();
    return arrived;
  }

  async function leave(row: PresentRow) {
    if (row.kind === 'child' && row.member) {
      setPickupFor({ child: row.member, visit: row.visit });
      return;
    }
    try {
      await checkOut(desk, row.visit.id);
      setArrival(null);
      setNotice({ tone: 'ok', text: t('checkIn.checkedOut', { name: row.name }) });
    } catch (e) {
      failed(e);
    }
    refocus();
  }

  const closeDialog = () => {
    setPickupFor(null);
    setHealthFor(null);
    setCorrecting(null);
    refocus();
  };

  return (
    <div className="checkin">
      <section className="finder" aria-labelledby="finder-label">
        <Finder
          inputRef={input}
          members={members}
          staff={staff}
          inside={inside}
          onArrive={arrive}
          onLeave={(row) => void leave(row)}
          onNoMatch={(q) => setNotice({ tone: 'warn', text: t('checkIn.noMatch', { query: q }) })}
        >
          <LeftOpen today={today} />
          {arrival && (
            <ArrivalCard
              arrival={arrival}
              healthChecked={done.morning.has(arrival.member.id)}
              onHealthCheck={
                mayCheckHealth
                  ? () => setHealthFor({ member: arrival.member, kind: 'morningCheck' })
                  : null
              }
            />
          )}
          {notice && <Notice notice={notice} />}
        </Finder>
        <VisitorSignIn
          onSignedIn={(name) => setNotice({ tone: 'ok', text: t('visitor.signedIn', { name }) })}
          onClosed={refocus}
        />
      </section>
      <InBuilding
        present={present}
        done={done}
        mayCheckHealth={mayCheckHealth}
        onLeave={(row) => void leave(row)}
        onCheck={(row, kind) => row.member && setHealthFor({ member: row.member, kind })}
        onCorrect={can(role, 'correctRecords') ? setCorrecting : null}
      />
      {pickupFor && (
        <PickupDialog
          child={pickupFor.child}
          visit={pickupFor.visit}
          onClose={(checkedOut) => {
            if (checkedOut)
              setNotice({
                tone: 'ok',
                text: t('checkIn.checkedOut', { name: pickupFor.child.name }),
              });
            closeDialog();
          }}
        />
      )}
      {healthFor && (
        <HealthCheckDialog member={healthFor.member} kind={healthFor.kind} onClose={closeDialog} />
      )}
      {correcting && <CorrectVisitDialog row={correcting} onClose={closeDialog} />}
    </div>
  );
}
