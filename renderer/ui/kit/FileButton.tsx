import type { ReactNode } from 'react';

/**
 * A file chooser that looks like the desk's buttons and speaks the desk's language (the browser's
 * own file button speaks the browser's and is small): the label is the button, the input inside it
 * is out of sight but takes the focus and the file. The input is emptied once a file is taken, so
 * the same file can be chosen again (after fixing it, or after a refusal).
 */
export function FileButton({
  label,
  accept,
  disabled,
  onFile,
}: {
  label: ReactNode;
  accept: string;
  disabled?: boolean;
  onFile(file: File): void;
}) {
  return (
    <label className="file-button">
      <input
        type="file"
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      {label}
    </label>
  );
}
