import { ReportOutbreaks } from './ReportOutbreaks';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CentreReport,
  MonthlyReportResponse,
  ReportActivityCategory,
  ReportFigures,
  ReportIncidentKind,
} from '../../server/district/types';
import { api } from '../api';
import { BarChart, type Bar } from '../charts';
import { dateTime, errorText } from '../format';
import { SortHeader, useSorted } from '../table';
import { PaperReport } from './PaperReport';
import { AssessmentLines } from './AssessmentLines';
import { GrowthLines } from './GrowthLines';

/** How many months back the picker offers (two years, the reports a district is asked for). */
const MONTHS_OFFERED = 24;
/** Bars in a chart of all centres: more would make a chart no one reads; the table has them all. */
const CHART_CENTRES = 20;

/** 'YYYY-MM' of the browser's today, and the months before it, newest first. */
export function recentMonths(now = new Date(), count = MONTHS_OFFERED): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    out.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** A rate from 0 to 1 as a percentage, one decimal at most ("66.7", "100"). */
function pct(rate: number): string {
  return String(Math.round(rate * 1000) / 10);
}

/** Fen as yuan with two decimals. */
function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

const ACTIVITY_ORDER: ReportActivityCategory[] = [
  'intergenerational',
  'elder',
  'child',
  'healthLecture',
  'exercise',
  'unknown',
];
const INCIDENT_ORDER: ReportIncidentKind[] = [
  'fall',
  'choking',
  'scald',
  'wandering',
  'injury',
  'medication',
  'other',
  'unrecorded',
];

const COLUMNS = [
  'name',
  'personDays',
  'elderDays',
  'childDays',
  'openDays',
  'claimable',
  'amount',
  'visitRate',
  'sessions',
  'interSessions',
  'places',
  'usageRate',
  'incidents',
  'openIncidents',
] as const;
type Column = (typeof COLUMNS)[number];

function columnValue(f: ReportFigures, key: Exclude<Column, 'name'>): number | null {
  switch (key) {
    case 'personDays':
      return f.attendance.personDays;
    case 'elderDays':
      return f.attendance.elderDays;
    case 'childDays':
      return f.attendance.childDays;
    case 'openDays':
      return f.attendance.openDays;
    case 'claimable':
      return f.meals.claimable;
    case 'amount':
      return f.meals.amountFen;
    case 'visitRate':
      return f.visits.rate;
    case 'sessions':
      return f.activities.sessions;
    case 'interSessions':
      return f.activities.intergenerational.sessions;
    case 'places':
      return f.childPlaces.places;
    case 'usageRate':
      return f.childPlaces.usageRate;
    case 'incidents':
      return f.incidents.count;
    case 'openIncidents':
      return f.incidents.openAtMonthEnd;
  }
}

export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const months = useMemo(() => recentMonths(), []);
  const [month, setMonth] = useState(months[0]!);
  const [centre, setCentre] = useState('');
  const [data, setData] = useState<MonthlyReportResponse | null>(null);
  const [loadedAt, setLoadedAt] = useState<string>('');
  /** Every centre, from the last whole-district report: the centre picker's choices. */
  const [centres, setCentres] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    const q = `?month=${month}${centre ? `&centre=${encodeURIComponent(centre)}` : ''}`;
    api<MonthlyReportResponse>('GET', `/reports/monthly${q}`).then(
      (d) => {
        if (!live) return;
        setData(d);
        setLoadedAt(new Date().toISOString());
        if (d.centreId === null) setCentres(d.centres.map((c) => ({ id: c.id, name: c.name })));
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [month, centre]);

  const index = months.indexOf(month);
  const scope = centre
    ? (centres.find((c) => c.id === centre)?.name ?? centre)
    : t('reports.allCentres');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const xlsx = `/api/district/reports/monthly.xlsx?month=${month}${
    centre ? `&centre=${encodeURIComponent(centre)}` : ''
  }&lang=${lang}`;
  // Chrome offers the page's title as the PDF's file name: the report's, while printing.
  const printTitle = t('reports.printTitle', { scope, month });
  useEffect(() => {
    let was = document.title;
    const before = () => {
      was = document.title;
      document.title = printTitle;
    };
    const after = () => {
      document.title = was;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [printTitle]);
  const current = data && data.month === month && (data.centreId ?? '') === centre ? data : null;

  return (
    <section aria-labelledby="reports-heading" className="reports">
      <h2 id="reports-heading" className="no-print">
        {t('reports.heading')}
      </h2>
      <div className="print-only print-head">
        <h2>{printTitle}</h2>
        <p>{t('reports.generated', { time: dateTime(loadedAt) })}</p>
      </div>
      <div className="toolbar no-print">
        <div className="inline">
          <button
            type="button"
            disabled={index >= months.length - 1}
            onClick={() => setMonth(months[index + 1]!)}
          >
            {t('reports.prevMonth')}
          </button>
          {/* The label names the select alone, not the select's options as well. */}
          <label htmlFor="report-month">{t('reports.month')}</label>
          <select id="report-month" value={month} onChange={(e) => setMonth(e.target.value)}>
            {months.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <button type="button" disabled={index <= 0} onClick={() => setMonth(months[index - 1]!)}>
            {t('reports.nextMonth')}
          </button>
        </div>
        <span className="inline">
          <label htmlFor="report-centre">{t('reports.centre')}</label>
          <select id="report-centre" value={centre} onChange={(e) => setCentre(e.target.value)}>
            <option value="">{t('reports.allCentres')}</option>
            {centres.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </span>
      </div>
      <div className="toolbar no-print">
        <a className="button" href={xlsx} download>
          {t('reports.exportXlsx')}
        </a>
        <button type="button" onClick={() => window.print()} disabled={!current}>
          {t('reports.print')}
        </button>
        <span className="hint">{t('reports.printHint')}</span>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!current && !error && (
        <p className="loading" role="status">
          {t('reports.loading')}
        </p>
      )}
      {current && <Report report={current} />}
    </section>
  );
}

function Report({ report }: { report: MonthlyReportResponse }) {
  const { t } = useTranslation();
  const d = report.district;
  const all = report.centreId === null;
  const soFar = report.today >= report.firstDay && report.today < report.lastDay;
  return (
    <>
      <p className="muted">
        {soFar
          ? t('reports.coversSoFar', { first: report.firstDay, today: report.today })
          : t('reports.covers', { first: report.firstDay, last: report.lastDay })}
      </p>
      {report.rules.source === 'default' && <p className="notice">{t('reports.rulesDefault')}</p>}
      {report.rules.subsidyPeriods.length > 1 && (
        <p className="notice" data-testid="rates-changed">
          {t('reports.ratesChanged', {
            days: report.rules.subsidyPeriods
              .slice(1)
              .map((p) => p.from)
              .join('、'),
          })}
        </p>
      )}
      <Attendance report={report} all={all} />
      <Meals figures={d} />
      <Visits report={report} all={all} />
      <Activities figures={d} />
      <ChildPlaces report={report} all={all} />
      <Incidents figures={d} />
      <PaperReport report={report} />
      {/* Issue 17, part 5: outbreaks and reports made (./ReportOutbreaks.tsx). */}
      <ReportOutbreaks report={report} />
      <AssessmentLines report={report} />
      {/* Issue 17, part 5: children's growth, checks and vaccinations (./GrowthLines.tsx). */}
      <GrowthLines report={report} />
      <CentreTable report={report} />
    </>
  );
}

/** A row of big figures, each a term and its value (`data-testid` for the e2e comparison). */
function Stats({ items }: { items: [id: string, label: string, value: ReactNode][] }) {
  return (
    <dl className="stats">
      {items.map(([id, label, value]) => (
        <div key={id}>
          <dt>{label}</dt>
          <dd data-testid={`stat-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={`r-${id}`}>
      <h3 id={`r-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

/** The centres with the largest `value` (all of them when few), and the note saying so. */
function topCentres(
  centres: CentreReport[],
  value: (f: ReportFigures) => number,
): { shown: CentreReport[]; cut: boolean } {
  const sorted = [...centres].sort((a, b) => value(b.figures) - value(a.figures));
  return { shown: sorted.slice(0, CHART_CENTRES), cut: sorted.length > CHART_CENTRES };
}

function Attendance({ report, all }: { report: MonthlyReportResponse; all: boolean }) {
  const { t } = useTranslation();
  const a = report.district.attendance;
  const { shown, cut } = topCentres(report.centres, (f) => f.attendance.personDays);
  const bars: Bar[] = all
    ? shown.map((c) => ({
        label: c.name,
        value: c.figures.attendance.personDays,
        text: String(c.figures.attendance.personDays),
      }))
    : [
        { label: t('reports.attendance.elderDays'), value: a.elderDays, text: String(a.elderDays) },
        {
          label: t('reports.attendance.childDays'),
          value: a.childDays,
          text: String(a.childDays),
          className: 'b-child',
        },
      ];
  const title = all ? t('reports.attendance.chart') : t('reports.attendance.chartOne');
  return (
    <Section id="attendance" title={t('reports.attendance.heading')}>
      <Stats
        items={[
          ['personDays', t('reports.attendance.personDays'), a.personDays],
          ['elderDays', t('reports.attendance.elderDays'), a.elderDays],
          ['childDays', t('reports.attendance.childDays'), a.childDays],
          [
            'people',
            t('reports.attendance.people'),
            t('reports.attendance.peopleSplit', {
              people: a.people,
              elders: a.elders,
              children: a.children,
            }),
          ],
          ['openDays', t('reports.attendance.openDays'), a.openDays],
          ['average', t('reports.attendance.average'), a.averagePerOpenDay ?? '—'],
        ]}
      />
      <h4>{title}</h4>
      {cut && (
        <p className="hint">
          {t('reports.topNote', {
            n: CHART_CENTRES,
            total: report.centres.length,
            what: t('reports.attendance.what'),
          })}
        </p>
      )}
      <BarChart bars={bars} summary={chartSummary(title, bars)} />
    </Section>
  );
}

/** The chart's title and every bar's value (and mark), for screen readers. */
function chartSummary(title: string, bars: Bar[], flagText?: string): string {
  const bar = (b: Bar) => `${b.label} ${b.text}${b.flagged && flagText ? ` ${flagText}` : ''}`;
  return `${title}：${bars.map(bar).join('；')}`;
}

function Meals({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const m = figures.meals;
  const category = (c: string | null) =>
    c === null ? t('reports.meals.noCategory') : t(`subsidyName.${c}`, { defaultValue: c });
  const bars: Bar[] = m.rows.map((r) => ({
    label: `${t(`meal.${r.mealType}`)} · ${category(r.subsidyCategory)}`,
    value: r.claimable,
    text: `${r.claimable}（${t('reports.yuan', { amount: yuan(r.amountFen) })}）`,
    className: `b-${r.mealType}`,
  }));
  const title = t('reports.meals.chart');
  return (
    <Section id="meals" title={t('reports.meals.heading')}>
      <Stats
        items={[
          ['served', t('reports.meals.served'), m.served],
          ['claimable', t('reports.meals.claimable'), m.claimable],
          ['subsidised', t('reports.meals.subsidised'), m.subsidised],
          ['amount', t('reports.meals.amount'), t('reports.yuan', { amount: yuan(m.amountFen) })],
          ['duplicates', t('reports.meals.duplicates'), m.duplicates],
        ]}
      />
      {m.rows.length === 0 ? (
        <p>{t('reports.none')}</p>
      ) : (
        <>
          <h4>{title}</h4>
          <BarChart bars={bars} summary={chartSummary(title, bars)} />
          <table className="grid compact">
            <thead>
              <tr>
                <th scope="col">{t('reports.meals.mealType')}</th>
                <th scope="col">{t('reports.meals.category')}</th>
                <th scope="col" className="num">
                  {t('reports.meals.served')}
                </th>
                <th scope="col" className="num">
                  {t('reports.meals.claimable')}
                </th>
                <th scope="col" className="num">
                  {t('reports.meals.subsidised')}
                </th>
                <th scope="col" className="num">
                  {t('reports.meals.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {m.rows.map((r) => (
                <tr key={`${r.mealType}-${r.subsidyCategory}`}>
                  <td>{t(`meal.${r.mealType}`)}</td>
                  <td>{category(r.subsidyCategory)}</td>
                  <td className="num">{r.served}</td>
                  <td className="num">{r.claimable}</td>
                  <td className="num">{r.subsidised}</td>
                  <td className="num">{t('reports.yuan', { amount: yuan(r.amountFen) })}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('reports.meals.total')}
                </th>
                <td className="num">{m.served}</td>
                <td className="num">{m.claimable}</td>
                <td className="num">{m.subsidised}</td>
                <td className="num">{t('reports.yuan', { amount: yuan(m.amountFen) })}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </Section>
  );
}

function Visits({ report, all }: { report: MonthlyReportResponse; all: boolean }) {
  const { t } = useTranslation();
  const v = report.district.visits;
  const rateText = (r: number | null) =>
    r === null ? t('reports.noneDue') : t('reports.percent', { value: pct(r) });
  // With many centres, the ones furthest from the target are the ones to see.
  const withDue = report.centres.filter((c) => c.figures.visits.rate !== null);
  const lowest = [...withDue]
    .sort((a, b) => a.figures.visits.rate! - b.figures.visits.rate!)
    .slice(0, CHART_CENTRES);
  const chosen = all ? lowest : report.centres;
  const bars: Bar[] = chosen.map((c) => {
    const r = c.figures.visits.rate;
    return { label: c.name, value: r, text: rateText(r), flagged: r !== null && r < 1 };
  });
  const below = withDue.filter((c) => c.figures.visits.rate! < 1).length;
  const title = t('reports.visits.chart');
  return (
    <Section id="visits" title={t('reports.visits.heading')}>
      <Stats
        items={[
          ['visitRate', t('reports.visits.rate'), rateText(v.rate)],
          ['due', t('reports.visits.due'), v.due],
          ['completed', t('reports.visits.completed'), v.completed],
          ['pending', t('reports.visits.pending'), v.pending],
          ['missed', t('reports.visits.missed'), v.missed],
          ['counted', t('reports.visits.counted'), v.counted],
        ]}
      />
      <h4>{title}</h4>
      {all && withDue.length > CHART_CENTRES && (
        <p className="hint">
          {t('reports.lowestNote', { n: CHART_CENTRES, total: withDue.length })}
        </p>
      )}
      {withDue.length > 0 && (
        <p className={below > 0 ? 'notice' : 'ok'}>
          {below > 0 ? t('reports.visits.belowCount', { n: below }) : t('reports.visits.allMet')}
        </p>
      )}
      <BarChart
        bars={bars}
        max={1}
        target={{ value: 1, label: t('reports.target') }}
        flagText={t('reports.belowTarget')}
        summary={chartSummary(title, bars, t('reports.belowTarget'))}
      />
    </Section>
  );
}

function Activities({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const a = figures.activities;
  const label = (c: ReportActivityCategory) =>
    c === 'unknown' ? t('reports.activities.unknown') : t(`activityCategory.${c}`);
  const bars: Bar[] = ACTIVITY_ORDER.filter(
    (c) => a.byCategory[c].sessions > 0 || c === 'intergenerational',
  ).map((c) => ({
    label: label(c),
    value: a.byCategory[c].participations,
    text: `${a.byCategory[c].participations}（${a.byCategory[c].sessions} ${t('reports.activities.sessions')}）`,
    className: c === 'intergenerational' ? 'b-inter' : 'b-main',
  }));
  const title = t('reports.activities.chart');
  return (
    <Section id="activities" title={t('reports.activities.heading')}>
      <Stats
        items={[
          ['sessions', t('reports.activities.sessions'), a.sessions],
          ['participations', t('reports.activities.participations'), a.participations],
          ['interSessions', t('reports.activities.interSessions'), a.intergenerational.sessions],
          [
            'interParticipations',
            t('reports.activities.interParticipations'),
            a.intergenerational.participations,
          ],
        ]}
      />
      <h4>{title}</h4>
      <BarChart bars={bars} summary={chartSummary(title, bars)} />
    </Section>
  );
}

function ChildPlaces({ report, all }: { report: MonthlyReportResponse; all: boolean }) {
  const { t } = useTranslation();
  const c = report.district.childPlaces;
  const withPlaces = report.centres.filter((x) => x.figures.childPlaces.usageRate !== null);
  const missing =
    report.centres.length -
    report.centres.filter((x) => x.figures.childPlaces.places !== null).length;
  const { shown, cut } = topCentres(withPlaces, (f) => f.childPlaces.usageRate ?? 0);
  const bars: Bar[] = (all ? shown : withPlaces).map((x) => ({
    label: x.name,
    value: x.figures.childPlaces.usageRate,
    text: t('reports.percent', { value: pct(x.figures.childPlaces.usageRate!) }),
    className: 'b-child',
  }));
  const title = t('reports.childPlaces.chart');
  return (
    <Section id="childPlaces" title={t('reports.childPlaces.heading')}>
      <Stats
        items={[
          [
            'usageRate',
            t('reports.childPlaces.usageRate'),
            c.usageRate === null
              ? t('reports.noPlaces')
              : t('reports.percent', { value: pct(c.usageRate) }),
          ],
          ['places', t('reports.childPlaces.places'), c.places ?? t('reports.noPlaces')],
          ['childPlaceDays', t('reports.childPlaces.childDays'), c.childDays],
          ['peak', t('reports.childPlaces.peak'), c.peakChildren],
          ['averageChildren', t('reports.childPlaces.average'), c.averageChildren ?? '—'],
        ]}
      />
      <p className="hint">{t('reports.childPlaces.formula')}</p>
      {missing > 0 && <p className="notice">{t('reports.childPlaces.missing', { n: missing })}</p>}
      {bars.length > 0 && (
        <>
          <h4>{title}</h4>
          {cut && (
            <p className="hint">
              {t('reports.topNote', {
                n: CHART_CENTRES,
                total: withPlaces.length,
                what: t('reports.childPlaces.usageRate'),
              })}
            </p>
          )}
          <BarChart bars={bars} max={1} summary={chartSummary(title, bars)} />
        </>
      )}
    </Section>
  );
}

function Incidents({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const i = figures.incidents;
  const bars: Bar[] = INCIDENT_ORDER.filter((k) => i.byKind[k] > 0).map((k) => ({
    label: t(`reports.incidents.kind.${k}`),
    value: i.byKind[k],
    text: String(i.byKind[k]),
    className: 'b-incident',
  }));
  const title = t('reports.incidents.chart');
  return (
    <Section id="incidents" title={t('reports.incidents.heading')}>
      <Stats
        items={[
          ['incidents', t('reports.incidents.count'), i.count],
          ['openIncidents', t('reports.incidents.openAtMonthEnd'), i.openAtMonthEnd],
        ]}
      />
      {bars.length === 0 ? (
        <p>{t('reports.none')}</p>
      ) : (
        <>
          <h4>{title}</h4>
          <BarChart bars={bars} summary={chartSummary(title, bars)} />
        </>
      )}
    </Section>
  );
}

function CentreTable({ report }: { report: MonthlyReportResponse }) {
  const { t } = useTranslation();
  const value = useCallback(
    (c: CentreReport, key: Column) => (key === 'name' ? c.name : columnValue(c.figures, key)),
    [],
  );
  const { sorted, sort, toggle } = useSorted<CentreReport, Column>(report.centres, value, {
    key: 'name',
    dir: 'ascending',
  });
  const cell = (f: ReportFigures, key: Exclude<Column, 'name'>) => {
    const v = columnValue(f, key);
    if (key === 'amount') return yuan(v ?? 0);
    if (key === 'visitRate') return v === null ? t('reports.noneDue') : `${pct(v)}%`;
    if (key === 'usageRate' || key === 'places') {
      if (v === null) return '—';
      return key === 'usageRate' ? `${pct(v)}%` : v;
    }
    return v;
  };
  const figureColumns = COLUMNS.filter((c): c is Exclude<Column, 'name'> => c !== 'name');
  return (
    <section className="report-section" aria-labelledby="r-table">
      <h3 id="r-table">{t('reports.table.heading')}</h3>
      <div className="table-wrap">
        <table className="grid report-table" data-testid="report-table">
          <caption className="sr-only">{t('reports.table.sortHint')}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader
                  key={c}
                  id={c}
                  label={t(`reports.table.col.${c}`)}
                  sort={sort}
                  onSort={toggle}
                  numeric={c !== 'name'}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => (
              <tr key={c.id} data-centre={c.id}>
                <th scope="row">{c.name}</th>
                {figureColumns.map((k) => (
                  <td
                    key={k}
                    className={
                      k === 'visitRate' && (c.figures.visits.rate ?? 1) < 1 ? 'num below' : 'num'
                    }
                  >
                    {cell(c.figures, k)}
                    {k === 'visitRate' && (c.figures.visits.rate ?? 1) < 1 && (
                      <span className="mark" title={t('reports.belowTarget')}>
                        {' ▼'}
                        <span className="sr-only">{t('reports.belowTarget')}</span>
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {report.centres.length > 1 && (
            <tfoot>
              <tr data-testid="report-total">
                <th scope="row">{t('reports.table.total')}</th>
                {figureColumns.map((k) => (
                  <td key={k} className="num">
                    {cell(report.district, k)}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </section>
  );
}
