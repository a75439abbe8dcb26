import { useTranslation } from 'react-i18next';
import type { CareDoc, MemberDoc } from '../../../shared/schemas';
import type { MeasurementKind } from '../../../shared/schemas/care';
import { localDateTime } from '../../../shared/time';
import { vitalFlag } from '../../../shared/rules/alerts';
import { useRules } from '../kit/hooks';
import { VitalFlagBadge } from './FollowUps';
import { TrendChart, type TrendSeries } from './TrendChart';
import { Table } from '../kit/Table';
import { useNameOf } from '../kit/PersonName';

/** A number a chart draws, and its axis: the catalogue words both (care.<field>, care.<unit>). */
interface Line {
  field: 'systolic' | 'diastolic' | 'sugar' | 'heightCm' | 'weightKg';
  unit: 'axisMmHg' | 'axisMmol' | 'axisCm' | 'axisKg';
}

const LINES: Record<MeasurementKind, Line[]> = {
  bloodPressure: [
    { field: 'systolic', unit: 'axisMmHg' },
    { field: 'diastolic', unit: 'axisMmHg' },
  ],
  bloodSugar: [{ field: 'sugar', unit: 'axisMmol' }],
  heightWeight: [
    { field: 'heightCm', unit: 'axisCm' },
    { field: 'weightKg', unit: 'axisKg' },
  ],
};

/** The last measurements of one kind as a chart and, for screen readers and exact values, a table. */
export function Trend({
  kind,
  member,
  docs,
}: {
  kind: MeasurementKind;
  member: MemberDoc;
  docs: CareDoc[];
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { vitals } = useRules();
  const what = t(`care.kind_${kind}`);
  const last = docs.slice(-20);
  const lines = LINES[kind];
  // Height and weight have different units: one chart each.
  const charts = kind === 'heightWeight' ? lines.map((l) => [l]) : [lines];
  const seriesOf = (ls: typeof lines): TrendSeries[] =>
    ls.map((l, i) => ({
      label: t(`care.${l.field}`),
      className: `s-${i}`,
      points: last.flatMap((d) =>
        typeof d[l.field] === 'number' ? [{ at: d.at, value: d[l.field] as number }] : [],
      ),
    }));
  const valueText = (d: CareDoc) =>
    kind === 'bloodPressure'
      ? `${d.systolic}/${d.diastolic} mmHg${d.pulse ? ` · ${d.pulse}` : ''}`
      : kind === 'bloodSugar'
        ? `${d.sugar} mmol/L · ${t(`care.timing_${d.sugarTiming ?? 'random'}`)}`
        : [d.heightCm && `${d.heightCm} cm`, d.weightKg && `${d.weightKg} kg`]
            .filter(Boolean)
            .join(' · ');

  return (
    <section className="trend-block" aria-label={t('care.trend', { what })}>
      <h3>{t('care.chartTitle', { name: nameOf(member), what, count: last.length })}</h3>
      {last.length === 0 ? (
        <p className="empty">{t('care.noMeasurements', { what })}</p>
      ) : (
        <div className="trend-row">
          {charts.map((ls) => (
            <TrendChart
              key={ls.map((l) => l.field).join()}
              series={seriesOf(ls)}
              unit={t(`care.${ls[0]!.unit}`)}
              dateLabel={t('care.axisDate')}
              summary={`${what}：${last.map((d) => `${localDateTime(d.at)} ${valueText(d)}`).join('；')}`}
            />
          ))}
          <Table
            columns={[t('care.when'), t('care.value')]}
            className="trend-table"
            label={t('care.trend', { what })}
          >
            {[...last].reverse().map((d) => (
              <tr key={d.id}>
                <td>{localDateTime(d.at)}</td>
                <td>
                  {valueText(d)}
                  {(() => {
                    const flag = vitalFlag(d, vitals);
                    return flag && <VitalFlagBadge flag={flag} />;
                  })()}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}
