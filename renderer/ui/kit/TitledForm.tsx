import type { FormEvent, ReactNode } from 'react';

/**
 * A form named by its heading (screen readers and the end-to-end tests find it by that name),
 * checked by the desk and not the browser (`noValidate`: the desk's errors name the field and the
 * fix in the desk's words). `onSubmit` may be async; what it comes to is the caller's to show.
 */
export function TitledForm({
  titleId,
  title,
  heading = 'h2',
  className,
  onSubmit,
  onChange,
  children,
}: {
  titleId: string;
  title: ReactNode;
  /** The heading's level where the form sits: a screen's own, or a part of a panel. */
  heading?: 'h2' | 'h3' | 'h4';
  className?: string;
  onSubmit(event: FormEvent<HTMLFormElement>): void | Promise<void>;
  onChange?(): void;
  children: ReactNode;
}) {
  const Heading = heading;
  return (
    <form
      className={className}
      aria-labelledby={titleId}
      noValidate
      onChange={onChange}
      onSubmit={(e) => void onSubmit(e)}
    >
      <Heading id={titleId}>{title}</Heading>
      {children}
    </form>
  );
}
