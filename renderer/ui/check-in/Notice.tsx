/** A line the desk says after an action: done, a warning, or what went wrong. */
export interface NoticeText {
  tone: 'ok' | 'warn' | 'error';
  text: string;
}

/** Errors interrupt (`alert`); the rest are announced politely (`status`). */
export function Notice({ notice }: { notice: NoticeText }) {
  return (
    <p className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}
