import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv';

describe('toCsv', () => {
  it('marks the text as UTF-8 for Excel, quotes every field and ends rows with CRLF', () => {
    expect(
      toCsv([
        ['时间', '人员'],
        ['2026-11-23 08:00:00', '周敏'],
      ]),
    ).toBe('\ufeff"时间","人员"\r\n"2026-11-23 08:00:00","周敏"');
  });

  it('keeps commas, quotes and line breaks inside their field', () => {
    expect(toCsv([['说 "不", 然后走了', '第一行\n第二行']])).toBe(
      '\ufeff"说 ""不"", 然后走了","第一行\n第二行"',
    );
  });
});

describe('cells a spreadsheet would run as a formula (OWASP CSV injection)', () => {
  it.each(['=1+2', '+86 138', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'starts %j with a single quote',
    (text) => {
      expect(neutraliseCell(text)).toBe(`'${text}`);
      expect(toCsv([[text]])).toBe(`\ufeff"'${text}"`);
    },
  );

  it('leaves every other text as it is, a formula sign inside it included', () => {
    for (const text of ['周敏', '1+2', 'a=b', '', ' =1', '36.5']) {
      expect(neutraliseCell(text)).toBe(text);
    }
  });

  it('quotes a neutralised cell that holds quotes too', () => {
    expect(toCsv([['=HYPERLINK("http://x")']])).toBe('\ufeff"\'=HYPERLINK(""http://x"")"');
  });
});
