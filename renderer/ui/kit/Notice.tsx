/** What the last action came to, in one line: done, a warning, or a failure. */
export type Notice = NoticeText | null;
export interface NoticeText {
  tone: 'ok' | 'warn' | 'error';
  text: string;
}

/** The line itself: a failure is announced at once (`alert`), the rest politely (`status`). */
export function NoticeLine({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <p className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}
