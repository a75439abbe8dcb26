/**
 * Retention (server/retention.ts), on PGlite and PostgreSQL: people who left more than the years
 * set are erased as a centre's erasure is, old audit entries and action-log rows are purged, the
 * law's minimums cannot be set lower, and the server's timer and the CLI run it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridClock } from '../shared/hlc';
import { newId } from '../shared/ids';
import type { AuditLogDoc, CareDoc, MemberDoc } from '../shared/schemas';
import { runCli } from './adminCli';
import { readConfig } from './config';
import { DEFAULT_RETENTION, runRetention, scheduleRetention } from './retention';
import { forEachBackend } from './testing/backends';
import { wire } from './testing/docs';
import { dumpDatabase } from './testing/dump';
import { startTestDistrict, type SyncClient, type TestDistrict } from './testing/harness';

const C = 'c-keep';
const clock = new HybridClock('keepdesk');
const stamp = () => ({
  centreId: C,
  createdAt: new Date().toISOString(),
  updatedAt: clock.tick(),
  updatedBy: 'staff-1',
});
const elder = (name: string, idNumber: string, status: MemberDoc['status']): MemberDoc => ({
  id: newId(),
  ...stamp(),
  kind: 'elder',
  name,
  pinyin: '',
  initials: '',
  gender: 'F',
  birthDate: '1941-06-01',
  idNumber,
  status,
});
const later = (doc: MemberDoc, status: MemberDoc['status']): MemberDoc => ({
  ...doc,
  status,
  updatedAt: clock.tick(),
});

describe('retention settings', () => {
  it('default to 5 years after leaving, 36 months of logs, a run a day', () => {
    expect(readConfig({}).retention).toEqual({
      eraseLeftAfterYears: 5,
      logMonths: 36,
      intervalHours: 24,
    });
    expect(
      readConfig({ DISTRICT_ERASE_LEFT_AFTER_YEARS: '8', DISTRICT_LOG_RETENTION_MONTHS: '6' })
        .retention,
    ).toMatchObject({ eraseLeftAfterYears: 8, logMonths: 6 });
  });

  it('refuse less than the law keeps, naming the setting and the minimum', async () => {
    expect(() => readConfig({ DISTRICT_ERASE_LEFT_AFTER_YEARS: '4' })).toThrow(
      'DISTRICT_ERASE_LEFT_AFTER_YEARS must be a whole number of years from 5 (records are kept at least five years after service ends) to 100 (got "4")',
    );
    expect(() => readConfig({ DISTRICT_LOG_RETENTION_MONTHS: '5' })).toThrow(
      /DISTRICT_LOG_RETENTION_MONTHS must be a whole number of months from 6 \(logs are kept at least six months, Cybersecurity Law art\. 21\)/,
    );
    const noDb = null as never;
    await expect(runRetention(noDb, noDb, { ...DEFAULT_RETENTION, logMonths: 3 })).rejects.toThrow(
      /logMonths must be at least 6/,
    );
  });
});

forEachBackend((backend) => {
  let d: TestDistrict;
  let desk: SyncClient;

  // Left six years ago; left a year ago; left seven years ago, came back, left again this year.
  const longGone = elder('钱玉兰', '110105194106010045', 'active');
  const recent = elder('孙桂香', '110105194106010061', 'active');
  const cameBack = elder('周凤英', '110105194106010088', 'left');
  const goneCare: CareDoc = {
    id: newId(),
    ...stamp(),
    kind: 'incident',
    memberId: longGone.id,
    day: '2019-05-02',
    at: '2019-05-02T02:00:00.000Z',
    by: 'staff-2',
    incidentKind: 'fall',
    happened: '钱玉兰在院子里跌倒',
  };
  const oldEntry: AuditLogDoc = {
    id: newId(),
    ...stamp(),
    createdAt: '2019-03-01T02:00:00.000Z',
    action: 'sync.conflictLost',
    subjectCollection: 'members',
    subjectId: recent.id,
    data: { ...recent, note: '二〇一九年的冲突副本' },
  };
  const newEntry: AuditLogDoc = {
    id: newId(),
    ...stamp(),
    action: 'override.pickup',
    subjectCollection: 'attendance',
    subjectId: newId(),
    reason: '今年的代接原因',
  };
  const ago = (interval: string) => `now() - interval '${interval}'`;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    await d.createCentre('南城中心', C);
    desk = d.client((await d.enrolDevice(C)).token);
    const fresh = (docs: { id: string }[]) =>
      docs.map((doc) => ({ assumedMasterState: null, newDocumentState: wire(doc) }));
    await desk.batch({
      pushes: {
        members: fresh([longGone, recent, cameBack]),
        care: fresh([goneCare]),
        auditLog: fresh([oldEntry, newEntry]),
      },
      pulls: {},
    });
    const backThen = later(cameBack, 'active');
    const leftAgain = later(backThen, 'left');
    const step = (before: MemberDoc, after: MemberDoc) =>
      desk.push('members', [{ assumedMasterState: wire(before), newDocumentState: wire(after) }]);
    await step(longGone, later(longGone, 'left'));
    await step(recent, later(recent, 'left'));
    await step(cameBack, backThen);
    await step(backThen, leftAgain);
    // What reached the district when: the versions' arrival times, moved into the past.
    const at = (id: string, seqRank: number, when: string) =>
      d.db.query(
        `UPDATE document_versions SET at = ${when}
          WHERE collection = 'members' AND id = $1 AND seq = (
            SELECT seq FROM document_versions WHERE collection = 'members' AND id = $1
             ORDER BY seq OFFSET $2 LIMIT 1)`,
        [id, seqRank],
      );
    await at(longGone.id, 0, ago('7 years'));
    await at(longGone.id, 1, ago('6 years'));
    await at(recent.id, 0, ago('3 years'));
    await at(recent.id, 1, ago('1 year'));
    await at(cameBack.id, 0, ago('7 years'));
    await at(cameBack.id, 1, ago('6 years'));
    await d.db.query(
      `INSERT INTO district_action_log (actor, action, target, at) VALUES
         ('cli:wang', 'centre.create', 'old-centre', ${ago('4 years')}),
         ('cli:wang', 'centre.create', 'new-centre', ${ago('1 month')})`,
    );
  });
  afterAll(async () => {
    await d?.close();
  });

  it('erases who left more than 5 years ago and purges logs older than 36 months (retention run)', async () => {
    const before = await dumpDatabase(d.db);
    for (const value of ['钱玉兰', '在院子里跌倒', '二〇一九年的冲突副本', 'old-centre'])
      expect(before.text).toContain(value);

    const out: string[] = [];
    const code = await runCli(['retention', 'run'], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      env: {},
      db: d.db,
    });
    expect(code).toBe(0);
    expect(out).toEqual([
      'retention: erased 1 people who left more than 5 years ago; purged 1 audit entries and 1 action-log entries older than 36 months',
    ]);

    const after = await dumpDatabase(d.db);
    for (const gone of ['钱玉兰', '110105194106010045', '在院子里跌倒', '二〇一九年的冲突副本'])
      expect(after.text).not.toContain(gone);
    expect(after.text).not.toMatch(/old-centre/);
    // Who left a year ago, and who came back and left again this year, are kept; so is this
    // year's log.
    for (const kept of ['孙桂香', '周凤英', '110105194106010088', '今年的代接原因', 'new-centre'])
      expect(after.text).toContain(kept);

    const members = await desk.pull('members', { checkpoint: null, batchSize: 100 });
    expect(members.documents.find((m) => m.id === longGone.id)).toMatchObject({
      status: 'erased',
      name: '（已删除）',
      birthDate: '1941-01-01',
    });
    // The incident stays for the counts, without what happened.
    const care = await desk.pull('care', { checkpoint: null, batchSize: 100 });
    expect(care.documents).toEqual([
      expect.objectContaining({ id: goneCare.id, memberId: longGone.id, incidentKind: 'fall' }),
    ]);
    expect(care.documents[0]).not.toHaveProperty('happened');
    // The old audit entry goes from the desks too: a tombstone with nothing in it, no history.
    const audit = await desk.pull('auditLog', { checkpoint: null, batchSize: 100 });
    expect(audit.documents.find((e) => e.id === oldEntry.id)).toEqual({
      id: oldEntry.id,
      centreId: C,
      createdAt: oldEntry.createdAt,
      updatedAt: expect.any(String),
      updatedBy: 'district',
      action: 'sync.conflictLost',
      subjectCollection: 'members',
      subjectId: recent.id,
      _deleted: true,
    });
    const history = await d.db.query(
      `SELECT deleted FROM document_versions WHERE collection = 'auditLog' AND id = $1`,
      [oldEntry.id],
    );
    expect(history.rows).toEqual([{ deleted: true }]);

    const log = await d.db.query<{ actor: string; action: string; details: object | null }>(
      `SELECT actor, action, details FROM district_action_log
        WHERE action IN ('person.erase', 'retention.run') ORDER BY id`,
    );
    expect(log.rows).toEqual([
      {
        actor: 'job:retention',
        action: 'person.erase',
        details: expect.objectContaining({ centreId: C }),
      },
      {
        actor: 'job:retention',
        action: 'retention.run',
        details: {
          erased: 1,
          auditPurged: 1,
          actionsPurged: 1,
          eraseAfterYears: 5,
          logMonths: 36,
        },
      },
    ]);

    // A second run finds nothing more to do.
    expect(await runRetention(d.db, d.app.sync, DEFAULT_RETENTION)).toEqual({
      erased: [],
      auditPurged: 0,
      actionsPurged: 0,
    });
  });

  it('stops its timer only once a run under way has ended, so the database is not closed under it', async () => {
    let finish!: () => void;
    let started = false;
    const stop = scheduleRetention({
      firstAfterMs: 0,
      intervalMs: 60_000,
      job: () => {
        started = true;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    await expect.poll(() => started).toBe(true);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('runs on the server’s timer', async () => {
    const another = elder('吴秀珍', '110105194106010107', 'left');
    await desk.push('members', [{ assumedMasterState: null, newDocumentState: wire(another) }]);
    await d.db.query(`UPDATE document_versions SET at = ${ago('5 years 1 day')} WHERE id = $1`, [
      another.id,
    ]);
    const stop = scheduleRetention({
      firstAfterMs: 0,
      intervalMs: 60_000,
      job: async () => void (await runRetention(d.db, d.app.sync, DEFAULT_RETENTION)),
    });
    try {
      await expect
        .poll(
          async () =>
            (
              await d.db.query<{ status: string }>(
                `SELECT data->>'status' AS status FROM documents WHERE id = $1`,
                [another.id],
              )
            ).rows[0]?.status,
          { timeout: 10_000 },
        )
        .toBe('erased');
    } finally {
      // A run may still be purging the logs after the erasure the poll saw: let it end before
      // the district closes.
      await stop();
    }
  });
});
