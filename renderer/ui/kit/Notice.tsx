import type { ReactNode, Ref } from 'react';

/** What the last action came to, in one line: done, a warning, or a failure. */
export type Notice = NoticeText | null;
export interface NoticeText {
  tone: 'ok' | 'warn' | 'error';
  text: string;
}

/**
 * The line itself: a failure is announced at once (`alert`), the rest politely (`status`). Given
 * as a `notice`, or as a `tone` and a `text` that may be empty (a failure or a "saved" a screen
 * keeps as text): with nothing to say there is no line. `children` follow the text (a link to
 * what comes next); `ref` lets a form scroll the line into view; `id` lets a field name it.
 */
export function NoticeLine(
  props: (
    { notice: Notice } | { tone: NoticeText['tone']; text: string | null | undefined | false }
  ) & { id?: string; ref?: Ref<HTMLParagraphElement>; children?: ReactNode },
) {
  const notice =
    'notice' in props ? props.notice : props.text ? { tone: props.tone, text: props.text } : null;
  if (!notice) return null;
  return (
    <p
      id={props.id}
      ref={props.ref}
      className={`notice ${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      {notice.text}
      {props.children && <> {props.children}</>}
    </p>
  );
}
