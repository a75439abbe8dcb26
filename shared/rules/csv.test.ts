import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

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
