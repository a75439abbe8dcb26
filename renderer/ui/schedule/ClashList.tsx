import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Clash } from '../../../shared/rules/schedule';

/** A message that has just appeared is scrolled into view (clear of the status bar). */
const intoView = (el: HTMLElement | null) => el?.scrollIntoView({ block: 'nearest' });

/** A clash in words that name both activities, the room or leader, the day and the time. */
function clashText(
  t: TFunction,
  clash: Clash,
  names: { staff(id: string): string; member(id: string): string },
): string {
  if (clash.kind === 'overCapacity')
    return t('schedule.clash.overCapacity', {
      title: clash.title,
      enrolled: clash.enrolled,
      capacity: clash.capacity,
    });
  const when = { date: clash.date, from: clash.from, to: clash.to, a: clash.a.title };
  const b = clash.b.title;
  if (clash.kind !== 'member')
    return clash.kind === 'room'
      ? t('schedule.clash.room', { ...when, b, room: clash.what })
      : t('schedule.clash.leader', { ...when, b, leader: names.staff(clash.what) });
  return t('schedule.clash.member', {
    ...when,
    b,
    names: clash.memberIds.map(names.member).join('、'),
  });
}

/** The clashes found before saving, in words; the planner fixes them or saves anyway. */
export function ClashList({
  clashes,
  staffName,
  memberName,
}: {
  clashes: Clash[];
  staffName(id: string): string;
  memberName(id: string): string;
}) {
  const { t } = useTranslation();
  return (
    <div className="notice warn clashes" role="alert" ref={intoView}>
      <strong>{t('schedule.clashTitle', { count: clashes.length })}</strong>
      <ul>
        {clashes.map((c, i) => (
          <li key={i}>{clashText(t, c, { staff: staffName, member: memberName })}</li>
        ))}
      </ul>
      <p>{t('schedule.clashHelp')}</p>
    </div>
  );
}
