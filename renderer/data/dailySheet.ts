/**
 * The daily sheet (日报): what happened at the centre on one day, for the file and the district.
 * Built once as plain tables, then printed (and saved as PDF) or written to XLSX, so the three
 * always agree. Each part reads the day's event documents; none keeps a counter.
 */
import type { TFunction } from 'i18next';
import { format } from 'date-fns';
import { can } from '../../shared/roles';
import { neutraliseCell } from '../../shared/rules/csv';
import { countMeals } from '../../shared/rules/meals';
import {
  nameWithDistinction,
  namesakeDistinctions,
  type DistinctionWords,
} from '../../shared/rules/namesakes';
import { onRecord } from '../../shared/rules/people';
import { attendanceSummary, expandSessions } from '../../shared/rules/schedule';
import type { AttendanceDoc, MemberDoc, StaffDoc } from '../../shared/schemas';
import { toAttendance, toPlan } from './activities';
import { audit } from './audit';
import type { Desk } from './desk';
import { plainDoc } from './plain';
import { asServing } from './meals';

/**
 * A cell of the sheet: text, or a number, which the workbook keeps a number (so Excel can add it
 * up) — with `digits` decimals shown, for a temperature.
 */
export type SheetCell = string | number | { value: number; digits: number };

/** A cell as the printed sheet shows it. */
export function cellText(cell: SheetCell): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  return cell.value.toFixed(cell.digits);
}

export interface SheetSection {
  id: string;
  title: string;
  columns: string[];
  rows: SheetCell[][];
  /** Said instead of an empty table. */
  empty: string;
}

export interface DailySheet {
  title: string;
  centre: string;
  day: string;
  madeAt: string;
  sections: SheetSection[];
  /** Who signs the sheet for the file: each a label followed by a line to sign on. */
  signatures: string[];
}

interface People {
  members: Map<string, MemberDoc>;
  staff: Map<string, StaffDoc>;
  /**
   * A member's name as the sheet prints it: a namesake with what tells them apart; an erased
   * person never by what their record held.
   */
  nameOf(memberId: string): string;
}

type Part = (desk: Desk, day: string, t: TFunction, people: People) => Promise<SheetSection | null>;

const hhmm = (iso: string | undefined) => (iso ? format(new Date(iso), 'HH:mm') : '');

const attendance: Part = async (desk, day, t, people) => {
  const visits = (await desk.db.attendance.find({ selector: { day } }).exec())
    .map((d) => plainDoc(d))
    .filter((v) => !v.cancelled)
    .sort((a, b) => a.checkInAt.localeCompare(b.checkInAt));
  const who = (v: AttendanceDoc): [string, string] => {
    if (v.personKind === 'visitor') return [v.visitor?.name ?? '', t('sheet.visitor')];
    if (v.personKind === 'staff')
      return [people.staff.get(v.memberId)?.name ?? '', t('sheet.staff')];
    const m = people.members.get(v.memberId);
    return [people.nameOf(v.memberId), m ? t(`kind.${m.kind}`) : ''];
  };
  return {
    id: 'attendance',
    title: t('sheet.attendance', { count: visits.length }),
    columns: [t('sheet.name'), t('sheet.kind'), t('sheet.in'), t('sheet.out'), t('sheet.note')],
    rows: visits.map((v) => [
      ...who(v),
      hhmm(v.checkInAt),
      v.status === 'in' ? t('sheet.stillIn') : hhmm(v.checkOutAt),
      [
        v.fromPaper ? t('paper.mark') : '',
        v.corrections?.length ? t('sheet.corrected', { count: v.corrections.length }) : '',
      ]
        .filter(Boolean)
        .join('；'),
    ]),
    empty: t('sheet.none'),
  };
};

const healthChecks: Part = async (desk, day, t, people) => {
  if (!can(desk.session?.staff.role, 'viewHealth')) return null;
  const checks = (await desk.db.health.find({ selector: { day } }).exec())
    .map((d) => plainDoc(d))
    .filter((h) => h.kind === 'morningCheck' || h.kind === 'noonCheck')
    .sort((a, b) => a.at.localeCompare(b.at));
  return {
    id: 'health',
    title: t('sheet.health', { count: checks.length }),
    columns: [
      t('sheet.name'),
      t('sheet.check'),
      t('sheet.time'),
      t('health.temperature'),
      t('sheet.found'),
      t('health.outcome'),
    ],
    rows: checks.map((h) => [
      people.nameOf(h.memberId),
      t(`health.${h.kind}`),
      hhmm(h.at),
      h.temperature !== undefined ? { value: h.temperature, digits: 1 } : '',
      [
        ...(h.observations ?? []).map((o) => t(`observation.${o}`)),
        ...(h.symptoms ?? []).map((s) => t(`symptom.${s}`)),
      ].join('、') || t('sheet.normal'),
      [h.outcome ? t(`health.outcome_${h.outcome}`) : '', h.fromPaper ? t('paper.mark') : '']
        .filter(Boolean)
        .join('；'),
    ]),
    empty: t('sheet.none'),
  };
};

const absences: Part = async (desk, day, t, people) => {
  const list = (await desk.db.absences.find({ selector: { day } }).exec()).map((d) => plainDoc(d));
  const mayHealth = can(desk.session?.staff.role, 'viewHealth');
  return {
    id: 'absences',
    title: t('sheet.absences', { count: list.length }),
    columns: [t('sheet.name'), t('absence.reason'), t('sheet.note')],
    rows: list.map((a) => [
      people.nameOf(a.memberId),
      t(`absence.reason_${a.reason}`),
      mayHealth && a.illness ? a.illness.symptoms.map((s) => t(`symptom.${s}`)).join('、') : '',
    ]),
    empty: t('sheet.none'),
  };
};

/** The day's sessions: who enrolled, and who actually came (the latest mark of each member). */
const activities: Part = async (desk, day, t, people) => {
  const plans = (await desk.db.activities.find({ selector: { kind: 'plan' } }).exec()).map((d) =>
    toPlan(plainDoc(d)),
  );
  const marks = (
    await desk.db.activities.find({ selector: { kind: 'attendance', date: day } }).exec()
  )
    .map((d) => plainDoc(d))
    .filter((d) => d.memberId !== undefined)
    .map(toAttendance);
  const sessions = expandSessions(plans, day, day);
  return {
    id: 'activities',
    title: t('sheet.activities', { count: sessions.length }),
    columns: [
      t('sheet.time'),
      t('sheet.activity'),
      t('sheet.room'),
      t('sheet.enrolled'),
      t('sheet.present'),
      t('sheet.presentNames'),
    ],
    rows: sessions.map((s) => {
      const came = attendanceSummary(s, marks);
      const latest = new Map<string, boolean>();
      for (const m of [...marks]
        .filter((m) => m.planId === s.planId)
        .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id)))
        latest.set(m.memberId, m.present);
      const names = [...latest].filter(([, present]) => present).map(([id]) => people.nameOf(id));
      return [
        `${s.start}–${s.end}`,
        s.title,
        s.room,
        `${s.enrolled.length}/${s.capacity}`,
        came.present,
        names.join('、') || t('sheet.notMarked'),
      ];
    }),
    empty: t('sheet.none'),
  };
};

/** Children who went home with an adult not on their list, as a manager allowed, and why. */
const pickups: Part = async (desk, day, t, people) => {
  const allowed = (await desk.db.attendance.find({ selector: { day } }).exec())
    .map((d) => plainDoc(d))
    .filter((v) => !v.cancelled && v.pickup?.override)
    .sort((a, b) => (a.checkOutAt ?? '').localeCompare(b.checkOutAt ?? ''));
  return {
    id: 'pickups',
    title: t('sheet.pickups', { count: allowed.length }),
    columns: [
      t('sheet.name'),
      t('sheet.time'),
      t('sheet.pickedUpBy'),
      t('sheet.allowedBy'),
      t('sheet.reason'),
    ],
    rows: allowed.map((v) => [
      people.nameOf(v.memberId),
      hhmm(v.checkOutAt),
      [v.pickup?.name, v.pickup?.relation].filter(Boolean).join('，'),
      people.staff.get(v.pickup?.override?.managerId ?? '')?.name ?? '',
      v.pickup?.override?.reason ?? '',
    ]),
    empty: t('sheet.none'),
  };
};

/** The day's incidents (falls, choking…), what was done, and whether they are closed. */
const incidents: Part = async (desk, day, t, people) => {
  if (!can(desk.session?.staff.role, 'viewHealth')) return null;
  const list = (await desk.db.care.find({ selector: { kind: 'incident', day } }).exec())
    .map((d) => plainDoc(d))
    .sort((a, b) => a.at.localeCompare(b.at));
  return {
    id: 'incidents',
    title: t('sheet.incidents', { count: list.length }),
    columns: [
      t('sheet.name'),
      t('sheet.time'),
      t('care.incidentKind'),
      t('sheet.happened'),
      t('sheet.actionTaken'),
      t('sheet.incidentState'),
    ],
    rows: list.map((c) => [
      people.nameOf(c.memberId),
      hhmm(c.at),
      c.incidentKind ? t(`care.incident_${c.incidentKind}`) : '',
      c.happened ?? '',
      c.actionTaken ?? '',
      c.closedAt ? t('sheet.closed') : t('sheet.stillOpen'),
    ]),
    empty: t('sheet.none'),
  };
};

const meals: Part = async (desk, day, t) => {
  if (!can(desk.session?.staff.role, 'serveMeals')) return null;
  const docs = (await desk.db.meals.find({ selector: { kind: 'serving', day } }).exec()).map((d) =>
    plainDoc(d),
  );
  const servings = docs.map(asServing);
  const counts = countMeals(servings);
  // 补录: of each row, the meals typed in later from the paper emergency sheet.
  const paperKey = (mealType: string, category: string | null | undefined) =>
    `${mealType}|${category ?? ''}`;
  const fromPaper = new Map<string, number>();
  for (const d of docs.filter((d) => d.fromPaper && !d.cancelled)) {
    const key = paperKey(d.mealType, d.subsidyCategory);
    fromPaper.set(key, (fromPaper.get(key) ?? 0) + 1);
  }
  return {
    id: 'meals',
    title: t('sheet.meals', { count: counts.reduce((n, c) => n + c.count, 0) }),
    columns: [
      t('sheet.meal'),
      t('sheet.category'),
      t('sheet.count'),
      t('meals.mode.dineIn'),
      t('meals.mode.collected'),
      t('meals.mode.delivered'),
      t('paper.sheetFromPaper'),
    ],
    rows: counts.map((c) => [
      t(`meals.mealType.${c.mealType}`),
      // In words, as the meal screens say it; a district's own code without words stays a code.
      t(`meals.categoryName.${c.subsidyCategory ?? 'none'}`, {
        defaultValue: c.subsidyCategory ?? '',
      }),
      c.count,
      c.byMode.dineIn,
      c.byMode.collected,
      c.byMode.delivered,
      fromPaper.get(paperKey(c.mealType, c.subsidyCategory)) ?? 0,
    ]),
    empty: t('sheet.none'),
  };
};

const visits: Part = async (desk, day, t, people) => {
  if (!can(desk.session?.staff.role, 'recordVisits')) return null;
  const made = (await desk.db.visits.find({ selector: { kind: 'visit' } }).exec())
    .map((d) => plainDoc(d))
    .filter((v) => v.at && format(new Date(v.at), 'yyyy-MM-dd') === day)
    .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  return {
    id: 'visits',
    title: t('sheet.visits', { count: made.length }),
    columns: [t('sheet.name'), t('visits.kind'), t('sheet.time'), t('sheet.reached')],
    rows: made.map((v) => [
      people.nameOf(v.memberId),
      v.visitKind ? t(`visits.kind_${v.visitKind}`) : '',
      hhmm(v.at),
      v.reached ? t('visits.reachedYes') : t('visits.reachedNo'),
    ]),
    empty: t('sheet.none'),
  };
};

/** The parts of the sheet, in order; a part a role may not see is left out. */
const PARTS: Part[] = [
  attendance,
  pickups,
  healthChecks,
  incidents,
  absences,
  activities,
  meals,
  visits,
];

export async function buildDailySheet(
  desk: Desk,
  day: string,
  t: TFunction,
  centre: string,
  now = new Date(),
): Promise<DailySheet> {
  const members = new Map((await desk.db.members.find().exec()).map((d) => [d.id, plainDoc(d)]));
  // Namesakes are told apart among everyone on the record, as on the desk's screens.
  const distinctions = namesakeDistinctions([...members.values()].filter(onRecord));
  const words: DistinctionWords = {
    born: (year) => t('namesake.born', { year }),
    childClass: (cls) => t(`childClass.${cls}`),
    card: (tail) => t('namesake.card', { tail }),
  };
  const people: People = {
    members,
    staff: new Map((await desk.db.staff.find().exec()).map((d) => [d.id, plainDoc(d)])),
    nameOf: (id) => {
      const m = members.get(id);
      if (m?.status === 'erased') return t('sheet.erased');
      return m ? nameWithDistinction(m.name, distinctions.get(id), words) : '';
    },
  };
  const sections: SheetSection[] = [];
  for (const part of PARTS) {
    const section = await part(desk, day, t, people);
    if (section) sections.push(section);
  }
  return {
    title: centre ? t('sheet.titleOf', { centre, day }) : t('sheet.title', { day }),
    centre,
    day,
    madeAt: format(now, 'yyyy-MM-dd HH:mm'),
    sections,
    signatures: [t('sheet.filledBy'), t('sheet.managerSigns'), t('sheet.signedOn')],
  };
}

/**
 * The day's sheet, with its names and health checks, was opened to print (or keep as a PDF) or
 * exported as a workbook: who took it, of which day, how, is logged.
 */
export async function logSheetTaken(desk: Desk, day: string, how: 'print' | 'excel') {
  await audit(desk, {
    action: 'sheet.export',
    subjectCollection: 'attendance',
    subjectId: day,
    reason: how,
  });
}

/** The sheet as an XLSX workbook: one worksheet, each part a titled table, ready to print. */
export async function dailySheetWorkbook(sheet: DailySheet, madeLabel: string): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet.day, {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const width = Math.max(...sheet.sections.map((s) => s.columns.length), 2);
  ws.columns = Array.from({ length: width }, () => ({ width: 18 }));
  ws.addRow([neutraliseCell(sheet.title)]).font = { bold: true, size: 16 };
  ws.addRow([neutraliseCell(`${sheet.centre}    ${madeLabel} ${sheet.madeAt}`)]);
  for (const section of sheet.sections) {
    ws.addRow([]);
    ws.addRow([section.title]).font = { bold: true, size: 13 };
    const header = ws.addRow(section.columns);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9E7E1' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    if (section.rows.length === 0) ws.addRow([section.empty]);
    for (const row of section.rows) {
      // Numbers stay numbers (Excel adds them up); free text cannot start a formula.
      const added = ws.addRow(
        row.map((c) =>
          typeof c === 'string' ? neutraliseCell(c) : typeof c === 'number' ? c : c.value,
        ),
      );
      row.forEach((c, i) => {
        if (typeof c === 'object') added.getCell(i + 1).numFmt = `0.${'0'.repeat(c.digits)}`;
      });
    }
  }
  ws.addRow([]);
  ws.addRow([]);
  ws.addRow(sheet.signatures.map((label) => `${label}：`));
  const bytes = await workbook.xlsx.writeBuffer();
  return new Blob([bytes], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}
