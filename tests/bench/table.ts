import type { Figure } from './suite';

/** One table: figure, value, budget, pass/miss. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.label,
    `${f.value.toLocaleString('en')} ${f.unit}`,
    f.budget ?? '—',
    f.pass === null ? '—' : f.pass ? 'pass' : 'MISS',
  ]);
  const head = ['figure', 'value', 'budget', 'pass/miss'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
