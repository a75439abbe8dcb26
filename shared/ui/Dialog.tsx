import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog, the same on the desk and the dashboard: the browser's own <dialog>, so focus
 * stays inside and Escape closes it (through `onClose`, so the caller's state decides). It closes
 * itself when it leaves the page, so an unmounted dialog never leaves the page inert behind it.
 */
export function Dialog({
  title,
  closeLabel,
  onClose,
  children,
  className,
}: {
  title: string;
  /** The close button's name for screen readers, in the front end's language ("关闭"). */
  closeLabel: string;
  onClose(): void;
  children: ReactNode;
  /** Extra classes after `dialog` (e.g. a warning frame). */
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={closeLabel}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
