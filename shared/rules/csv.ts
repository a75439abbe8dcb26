/**
 * A table as CSV that Excel opens correctly: a byte-order mark so it reads the Chinese as UTF-8,
 * every field quoted (a name or reason may hold a comma or a line break), rows ended by CRLF.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const field = (text: string) => `"${text.replace(/"/g, '""')}"`;
  return '\ufeff' + rows.map((row) => row.map(field).join(',')).join('\r\n');
}
