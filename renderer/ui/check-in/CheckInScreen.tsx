import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import type { HealthCheckKind } from '../../../shared/rules/checkIn';
import { localDay } from '../../../shared/time';
import { cardNotInCare, type VisibleMember } from '../../data/people';
import { PRESENT_GROUPS, type PresentRow } from '../../data/presence';
import { useDesk } from '../app/DeskContext';
import { ArrivalCard } from './ArrivalCard';
import { AskCheckOut } from './AskCheckOut';
import { CorrectVisitDialog } from './CorrectVisitDialog';
import { Finder } from './Finder';
import { HealthCheckDialog } from './HealthCheckDialog';
import { InBuilding } from './InBuilding';
import { LeftOpen } from './LeftOpen';
import { NoticeLine } from '../kit/Notice';
import { saveErrorText } from '../kit/errors';
import { PickupDialog } from './PickupDialog';
import { useCheckInData } from './useCheckInData';
import { useDoor } from './useDoor';
import { VisitorSignIn } from './VisitorForm';

/** 签到签退: the finder and the last arrival on the left, who is in the building on the right. */
export function CheckInScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const role = desk.session?.staff.role;
  const today = localDay(new Date());
  const { members, staff, present, done } = useCheckInData(today);
  const input = useRef<HTMLInputElement>(null);
  const refocus = () => setTimeout(() => input.current?.focus(), 0);
  const door = useDoor(today, done.morning, refocus);
  const { notice, setNotice, arrival, pickup } = door;
  const [healthFor, setHealthFor] = useState<{
    member: VisibleMember;
    kind: HealthCheckKind;
  } | null>(null);
  const [correcting, setCorrecting] = useState<PresentRow | null>(null);
  /** The card of someone not in care the desk has just said so about. */
  const [notOffered, setNotOffered] = useState<string | null>(null);
  const inside = useMemo(
    () => new Map(PRESENT_GROUPS.flatMap((g) => present[g].map((r) => [r.visit.memberId, r]))),
    [present],
  );
  const mayCheckHealth = can(role, 'viewHealth');
  const leave = (row: PresentRow) => void door.leave(row);
  const closeDialog = () => {
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
          onArrive={door.arrive}
          onLeave={leave}
          notOffered={notOffered}
          onNoMatch={(q) =>
            void cardNotInCare(desk, q).then((refused) => {
              setNotOffered(refused ? q.trim() : null);
              setNotice(
                refused
                  ? { tone: 'error', text: saveErrorText(t, refused) }
                  : { tone: 'warn', text: t('checkIn.noMatch', { query: q }) },
              );
            })
          }
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
          <NoticeLine notice={notice} />
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
        onLeave={leave}
        onCheck={(row, kind) => row.member && setHealthFor({ member: row.member, kind })}
        onCorrect={can(role, 'correctRecords') ? setCorrecting : null}
      />
      {pickup && (
        <PickupDialog
          child={pickup.child}
          visit={pickup.visit}
          onClose={(checkedOut) => {
            door.pickupClosed(checkedOut);
            refocus();
          }}
        />
      )}
      {door.askOut && (
        <AskCheckOut
          name={door.askOut.name}
          checkInAt={door.askOut.visit.checkInAt}
          onAnswer={(yes) => void door.askOutAnswered(yes)}
        />
      )}
      {healthFor && (
        <HealthCheckDialog member={healthFor.member} kind={healthFor.kind} onClose={closeDialog} />
      )}
      {correcting && <CorrectVisitDialog row={correcting} onClose={closeDialog} />}
    </div>
  );
}
