/**
 * Text that a spreadsheet would not run as a formula (OWASP "CSV injection"): a cell beginning
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is started with a single quote, which Excel
 * and LibreOffice show as text. A name such as "=1+2" typed at the desk stays a name in the
 * manager's export. Every CSV and workbook export of free text goes through this one function.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A table as CSV that Excel opens correctly and safely: a byte-order mark so it reads the Chinese
 * as UTF-8, every field quoted (a name or reason may hold a comma or a line break) and neutralised
 * (`neutraliseCell`), rows ended by CRLF.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const field = (text: string) => `"${neutraliseCell(text).replace(/"/g, '""')}"`;
  return '\ufeff' + rows.map((row) => row.map(field).join(',')).join('\r\n');
}
