import { useState } from 'react';
import { localDay } from '../../../shared/time';
import type { VisibleMember } from '../../data/people';
import { visitDuties$ } from '../../data/visits';
import { useDeskRead } from '../kit/hooks';
import { AddToList } from './AddToList';
import { Completion } from './Completion';
import { RecordVisitDialog } from './RecordVisitDialog';
import { VisitList } from './VisitList';
import { VisitsDue } from './VisitsDue';
import { NoticeLine } from '../kit/Notice';

// The home screen shows who is due; this file is the visits feature's public one.
export { VisitsDue };

/** The visit list (探访关爱): who is due, recording a visit, the list itself and the month's rate. */
export function VisitsScreen({ now = new Date() }: { now?: Date }) {
  const today = localDay(now);
  const [recording, setRecording] = useState<VisibleMember | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const duties = useDeskRead(visitDuties$, null, today);

  return (
    <div className="visits">
      <NoticeLine tone="ok" text={message} />
      <VisitsDue now={now} onRecord={setRecording} />
      <Completion now={now} />
      <VisitList
        listed={duties?.listed ?? null}
        today={today}
        onRecord={setRecording}
        onMessage={setMessage}
      />
      <AddToList
        listedIds={new Set(duties?.listed.map((l) => l.member.id))}
        today={today}
        onAdded={setMessage}
      />
      {recording && (
        <RecordVisitDialog
          member={recording}
          onClose={() => setRecording(null)}
          onSaved={(text) => {
            setRecording(null);
            setMessage(text);
          }}
        />
      )}
    </div>
  );
}
