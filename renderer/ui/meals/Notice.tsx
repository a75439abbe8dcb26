/** What the last action on the meals screen came to, in one line: done, a warning, or a failure. */
export type Notice = { tone: 'ok' | 'warn' | 'error'; text: string } | null;

export function NoticeLine({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <p className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}
