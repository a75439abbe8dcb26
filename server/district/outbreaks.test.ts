/**
 * Issue 17, part 4 on the server: clusters across centres from synced symptom groups, the report
 * to the disease-control centre (its sheet read back), and what each department's account may see.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { AbsenceDoc, HealthDoc, MemberDoc } from '../../shared/schemas';
import type { Symptom } from '../../shared/schemas/absences';
import { forEachBackend } from '../testing/backends';
import { makeMember, wire } from '../testing/docs';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { listActions } from './actionLog';
import { calendarDay } from './overview';
import { REPORT_LABELS } from './outbreakSheet';
import {
  addStaff,
  adminAndViewer,
  staffClient,
  TEST_SCRYPT_PARAMS,
  type StaffClient,
} from './testing';
import type {
  DistrictApiError,
  MonthlyReportResponse,
  OutbreakReportDraft,
  OutbreakReportFields,
  OutbreaksResponse,
  SessionInfo,
} from './types';

const clock = new HybridClock('outbreakdesk');
const today = calendarDay(new Date(), 'Asia/Shanghai');
const daysAgo = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

function absence(centreId: string, memberId: string, day: string, symptoms: Symptom[]): AbsenceDoc {
  return {
    id: newId(),
    centreId,
    createdAt: new Date().toISOString(),
    updatedAt: clock.tick(),
    updatedBy: 'staff-1',
    memberId,
    day,
    reason: 'illness',
    illness: { onset: daysAgo(3), symptoms, doctorSeen: true, diagnosis: '手足口病' },
    recordedBy: 'staff-1',
  };
}

function check(centreId: string, memberId: string, day: string, symptoms: Symptom[]): HealthDoc {
  return {
    id: newId(),
    centreId,
    createdAt: new Date().toISOString(),
    updatedAt: clock.tick(),
    updatedBy: 'staff-1',
    kind: 'morningCheck',
    memberId,
    day,
    at: new Date().toISOString(),
    by: 'staff-1',
    temperature: 38.6,
    symptoms,
    outcome: 'sentHome',
    note: '奶奶接回',
  };
}

export function fieldsFor(draft: OutbreakReportDraft): OutbreakReportFields {
  const c = draft.cluster;
  return {
    reportingUnit: '城关镇社区卫生服务中心',
    eventName: `${c.township}托育机构皮疹聚集性病例`,
    category: '传染病',
    place: c.centres.map((x) => x.name).join('、'),
    firstOnset: c.firstOnset,
    cases: String(c.cases),
    involved: String(draft.children),
    deaths: '0',
    symptoms: '皮疹、发热',
    measures: '晨午检加强；患儿居家观察；活动室消毒',
    reporter: '周医生',
    phone: '0571-88001234',
    reportedAt: `${today} 09:30`,
  };
}

forEachBackend((backend) => {
  let d: TestDistrict;
  let admin: StaffClient;
  let viewer: StaffClient;
  let cdc: StaffClient;
  let civil: StaffClient;
  const children: MemberDoc[] = [];
  const centres: string[] = [];

  beforeAll(async () => {
    d = await startTestDistrict({ ...backend, dashboard: { scryptParams: TEST_SCRYPT_PARAMS } });
    ({ admin, viewer } = await adminAndViewer(d.db, d.url));
    await addStaff(d.db, 'zhao', 'viewer', undefined, 'cdc');
    await addStaff(d.db, 'qian', 'admin', undefined, 'civil');
    cdc = staffClient(d.url);
    civil = staffClient(d.url);
    expect((await cdc.login('zhao')).status).toBe(200);
    expect((await civil.login('qian')).status).toBe(200);
    for (const [name, id] of [
      ['阳光中心', 'sun'],
      ['和平中心', 'peace'],
      ['河西中心', 'west'],
    ] as const)
      centres.push(await d.createCentre(name, id));
    for (const id of ['sun', 'peace'])
      expect((await admin.request('PATCH', `/centres/${id}`, { township: '城关镇' })).status).toBe(
        200,
      );
    const published = await admin.request('POST', '/publish', {
      kind: 'rules',
      title: '区级规则',
      settings: { clusters: { windowDays: 3, township: 3, district: 5 } },
    });
    expect(published.status).toBe(201);
    // Two children with a rash at 阳光, one at 和平 (a morning check), one at 河西; none consented
    // to sharing, so the district holds their symptom groups and no more.
    const plan: [string, 'absence' | 'check', Symptom[]][] = [
      ['sun', 'absence', ['rash', 'fever']],
      ['sun', 'absence', ['rash']],
      ['peace', 'check', ['rash']],
      ['west', 'absence', ['rash']],
    ];
    for (const [centreId, source, symptoms] of plan) {
      const child = makeMember(centreId, {
        kind: 'child',
        name: `患儿${children.length + 1}号`,
        birthDate: '2023-04-01',
        idNumber: '110101202304010011',
      });
      children.push(child);
      const device = await d.enrolDevice(centreId);
      const record =
        source === 'absence'
          ? absence(centreId, child.id, daysAgo(1), symptoms)
          : check(centreId, child.id, today, symptoms);
      await d.client(device.token).batch({
        pushes: {
          members: [{ newDocumentState: wire(child) }],
          [source === 'absence' ? 'absences' : 'health']: [{ newDocumentState: wire(record) }],
        },
      });
    }
  });
  afterAll(async () => {
    await d?.close();
  });

  describe('clusters across centres', () => {
    it('raises a township cluster from three centres’ records, with counts and symptoms and no name', async () => {
      const res = await viewer.request<OutbreaksResponse>('GET', '/outbreaks');
      expect(res.status).toBe(200);
      expect(res.body.rules).toMatchObject({ windowDays: 3, township: 3, district: 5 });
      expect(res.body.clusters).toHaveLength(1);
      const [cluster] = res.body.clusters;
      expect(cluster).toMatchObject({
        key: 'township:城关镇:rash',
        township: '城关镇',
        symptom: 'rash',
        cases: 3,
        since: daysAgo(1),
        firstOnset: daysAgo(3),
        fromAbsences: 2,
        fromChecks: 1,
        reports: [],
      });
      expect(cluster!.centres.map((c) => [c.name, c.cases])).toEqual([
        ['阳光中心', 2],
        ['和平中心', 1],
      ]);
      expect(Date.parse(cluster!.dueAt) - Date.parse(cluster!.raisedAt)).toBe(24 * 3600_000);
      expect(res.body.centres.map((c) => [c.name, c.township])).toEqual([
        ['和平中心', '城关镇'],
        ['河西中心', null],
        ['阳光中心', '城关镇'],
      ]);
      const text = JSON.stringify(res.body);
      for (const secret of ['患儿', '110101202304010011', '手足口病', '38.6', '奶奶'])
        expect(text).not.toContain(secret);
    });

    it('counts 河西 too once its township is recorded, and the district once it reaches its threshold', async () => {
      expect((await admin.request('PATCH', '/centres/west', { township: '城关镇' })).status).toBe(
        200,
      );
      const res = await admin.request<OutbreaksResponse>('GET', '/outbreaks');
      expect(res.body.clusters.map((c) => [c.key, c.cases])).toEqual([['township:城关镇:rash', 4]]);
      expect((await admin.request('PATCH', '/centres/west', { township: null })).status).toBe(200);
      const bad = await admin.request<DistrictApiError>('PATCH', '/centres/west', {
        township: 'x'.repeat(41),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/township/);
      const log = await listActions(d.db, 20);
      expect(
        log.filter((a) => a.action === 'centre.township').map((a) => a.details),
      ).toContainEqual({ field: 'township', from: '城关镇', to: null });
    });
  });

  describe('the report to the disease-control centre', () => {
    it('drafts from the records, exports a sheet that reads back with its fields, and logs the export', async () => {
      const draft = await cdc.request<OutbreakReportDraft>(
        'GET',
        `/outbreaks/report?cluster=${encodeURIComponent('township:城关镇:rash')}`,
      );
      expect(draft.status).toBe(200);
      expect(draft.body.children).toBe(3);
      const fields = fieldsFor(draft.body);
      const res = await fetch(`${d.url}/api/district/outbreaks/report.xlsx`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `cocare_district_session=${cdc.cookie}`,
        },
        body: JSON.stringify({ cluster: 'township:城关镇:rash', fields }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(
        encodeURIComponent('突发公共卫生事件报告'),
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const sheet = book.getWorksheet('突发公共卫生事件报告')!;
      expect(sheet.getCell('A1').value).toBe('突发公共卫生事件相关信息报告');
      const read = new Map<string, unknown>();
      sheet.eachRow((row) => read.set(String(row.getCell(1).value), row.getCell(2).value));
      for (const [field, label] of REPORT_LABELS) {
        const expected = ['cases', 'involved', 'deaths'].includes(field)
          ? Number(fields[field])
          : fields[field];
        expect(read.get(label), label).toEqual(expected);
      }
      expect(read.get('报告单位')).toBe('城关镇社区卫生服务中心');
      expect(read.get('发病人数')).toBe(3);
      expect(read.get('阳光中心')).toBe('城关镇');
      const log = await listActions(d.db, 5);
      expect(log[0]).toMatchObject({ action: 'outbreak.export', actor: 'zhao' });
    });

    it('refuses a report with a field missing or wrong, naming the field', async () => {
      const draft = await admin.request<OutbreakReportDraft>(
        'GET',
        `/outbreaks/report?cluster=${encodeURIComponent('township:城关镇:rash')}`,
      );
      const fields = fieldsFor(draft.body);
      for (const [change, field] of [
        [{ phone: '' }, 'fields.phone'],
        [{ firstOnset: '12/03/2026' }, 'fields.firstOnset'],
        [{ involved: '1' }, 'fields.involved'],
      ] as const) {
        const res = await admin.request<DistrictApiError & { error: { field?: string } }>(
          'POST',
          '/outbreaks/report',
          { cluster: 'township:城关镇:rash', fields: { ...fields, ...change } },
        );
        expect(res.status).toBe(400);
        expect(res.body.error.field).toBe(field);
      }
      const gone = await admin.request('POST', '/outbreaks/report', {
        cluster: 'district:*:jaundice',
        fields,
      });
      expect(gone.status).toBe(404);
    });

    it('logs the report sent, shows it on the cluster, and counts it in the monthly report', async () => {
      const draft = await admin.request<OutbreakReportDraft>(
        'GET',
        `/outbreaks/report?cluster=${encodeURIComponent('township:城关镇:rash')}`,
      );
      const sent = await cdc.request<{ at: string }>('POST', '/outbreaks/report', {
        cluster: 'township:城关镇:rash',
        fields: fieldsFor(draft.body),
      });
      expect(sent.status).toBe(201);
      const now = await admin.request<OutbreaksResponse>('GET', '/outbreaks');
      expect(now.body.clusters[0]!.reports).toEqual([{ at: sent.body.at, by: 'zhao' }]);
      const log = await listActions(d.db, 5);
      expect(log[0]).toMatchObject({
        action: 'outbreak.report',
        target: 'township:城关镇:rash',
        details: { reporter: '周医生', phone: '0571-88001234' },
      });
      const report = await admin.request<MonthlyReportResponse>(
        'GET',
        `/reports/monthly?month=${today.slice(0, 7)}`,
      );
      expect(report.body.outbreaks).toMatchObject({
        raised: 1,
        reported: 1,
        clusters: [{ key: 'township:城关镇:rash', cases: 3, centres: 2 }],
      });
    });
  });

  describe('departments', () => {
    it('tells the dashboard the account’s department', async () => {
      expect((await cdc.request<SessionInfo>('GET', '/me')).body.user.department).toBe('cdc');
      expect((await admin.request<SessionInfo>('GET', '/me')).body.user.department).toBeNull();
    });

    it('refuses a 疾控 account every person, the people lists, devices and the monthly report', async () => {
      for (const path of [
        `/people/${children[0]!.id}`,
        '/centres/sun/people',
        '/devices',
        `/reports/monthly?month=${today.slice(0, 7)}`,
        `/reports/monthly.xlsx?month=${today.slice(0, 7)}`,
        '/published',
      ]) {
        const res = await cdc.request<DistrictApiError>('GET', path);
        expect(res.status, path).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      expect((await cdc.request('GET', '/overview')).status).toBe(200);
      expect((await cdc.request('GET', '/outbreaks')).status).toBe(200);
    });

    it('lets 民政 see outbreaks but not report them', async () => {
      expect((await civil.request('GET', '/outbreaks')).status).toBe(200);
      expect((await civil.request('GET', '/centres/sun/people')).status).toBe(200);
      const res = await civil.request<DistrictApiError>(
        'GET',
        `/outbreaks/report?cluster=${encodeURIComponent('township:城关镇:rash')}`,
      );
      expect(res.status).toBe(403);
    });
  });
});
