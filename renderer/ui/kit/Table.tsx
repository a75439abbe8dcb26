import type { ReactNode } from 'react';

/**
 * A data table in the desk's grid style: one header row of column names, the caller's body rows.
 * A table is named by its caption, an `aria-label` or the heading it sits under (`labelledBy`),
 * so a screen reader (and an end-to-end test) can tell two tables on one screen apart.
 */
export function Table({
  columns,
  caption,
  label,
  labelledBy,
  className,
  children,
}: {
  /** The column headings, left to right; none for a table whose rows carry their own headings. */
  columns?: readonly ReactNode[];
  caption?: ReactNode;
  label?: string;
  labelledBy?: string;
  /** Extra classes after `grid` (e.g. `timetable`, `claim`). */
  className?: string;
  /** The body rows (`<tr>`). */
  children: ReactNode;
}) {
  return (
    <table
      className={className ? `grid ${className}` : 'grid'}
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      {caption && <caption>{caption}</caption>}
      {columns && (
        <thead>
          <tr>
            {columns.map((column, i) => (
              // Headings are a fixed list in a fixed order: their place is their identity.
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>{children}</tbody>
    </table>
  );
}
