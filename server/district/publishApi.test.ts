import { afterAll, beforeAll, expect, it } from 'vitest';
import { DISTRICT_RULES_ID } from '../../shared/schemas';
import { forEachBackend } from '../testing/backends';
import { startTestDistrict, type EnrolledDevice, type TestDistrict } from '../testing/harness';
import { listActions } from './actionLog';
import { adminAndViewer, staffClient, TEST_SCRYPT_PARAMS, type StaffClient } from './testing';
import type { DistrictApiError, PublishedResponse, PublishResponse } from './types';

type FieldErrorBody = DistrictApiError & { error: { field: string } };

forEachBackend((backend) => {
  let d: TestDistrict;
  let admin: StaffClient;
  let viewer: StaffClient;
  let desk: EnrolledDevice;

  beforeAll(async () => {
    d = await startTestDistrict({ ...backend, dashboard: { scryptParams: TEST_SCRYPT_PARAMS } });
    desk = await d.enrolDevice(await d.createCentre('东村中心'));
    ({ admin, viewer } = await adminAndViewer(d.db, d.url));
  });
  afterAll(async () => {
    await d?.close();
  });

  const pulled = async () =>
    (await d.client(desk.token).pull('district', { checkpoint: null, batchSize: 50 })).documents;

  it('publishes rules with daily rules, an announcement and a template; desks pull them; each is logged', async () => {
    const rules = await admin.request<PublishResponse>('POST', '/publish', {
      kind: 'rules',
      title: '2027 年标准',
      settings: {
        feverFrom: 37.5,
        ratioLimits: { infant: 2 },
        daily: {
          mealSubsidies: { age70: { lunch: 600 }, neediest: { breakfast: 800, lunch: 1500 } },
          visits: { frequency: { high: { every: 2, unit: 'week' } } },
          foodSample: { minGrams: 150, keepHours: 48 },
        },
      },
    });
    expect(rules.status).toBe(201);
    expect(rules.body.published.id).toBe(DISTRICT_RULES_ID);
    const notice = await admin.request<PublishResponse>('POST', '/publish', {
      kind: 'announcement',
      title: '流感季',
      text: '入园请戴口罩',
      shownFrom: '2026-11-01',
      shownUntil: '2027-02-28',
    });
    expect(notice.status).toBe(201);
    const template = await admin.request<PublishResponse>('POST', '/publish', {
      kind: 'activityTemplate',
      title: '祖孙放风筝',
      template: { category: 'intergenerational', minutes: 90, capacity: 20 },
    });
    expect(template.status).toBe(201);

    const docs = await pulled();
    expect(docs.map((doc) => doc.title).sort()).toEqual(['2027 年标准', '流感季', '祖孙放风筝']);
    const pushedRules = docs.find((doc) => doc.kind === 'rules')!;
    expect((pushedRules.settings as { daily: unknown }).daily).toEqual({
      mealSubsidies: { age70: { lunch: 600 }, neediest: { breakfast: 800, lunch: 1500 } },
      visits: { frequency: { high: { every: 2, unit: 'week' } } },
      foodSample: { minGrams: 150, keepHours: 48 },
    });

    const inForce = await viewer.request<PublishedResponse>('GET', '/published');
    expect(inForce.status).toBe(200);
    expect(inForce.body.rules?.title).toBe('2027 年标准');
    expect(inForce.body.announcements.map((a) => a.title)).toEqual(['流感季']);
    expect(inForce.body.templates.map((a) => a.template)).toEqual([
      { category: 'intergenerational', minutes: 90, capacity: 20 },
    ]);

    const logged = (await listActions(d.db, 3)).map((a) => [a.actor, a.action, a.details?.title]);
    expect(logged).toEqual([
      ['wang', 'publish.activityTemplate', '祖孙放风筝'],
      ['wang', 'publish.announcement', '流感季'],
      ['wang', 'publish.rules', '2027 年标准'],
    ]);
  });

  it('withdraws an announcement through sync (the desk pulls the deletion), logged; not the rules', async () => {
    const { body } = await admin.request<PublishedResponse>('GET', '/published');
    const id = body.announcements[0]!.id;
    const res = await admin.request<PublishResponse>('POST', `/published/${id}/withdraw`, {});
    expect(res.status).toBe(200);
    const gone = (await pulled()).find((doc) => doc.id === id)!;
    expect(gone._deleted).toBe(true);
    expect(
      (await admin.request<PublishedResponse>('GET', '/published')).body.announcements,
    ).toEqual([]);
    const [entry] = await listActions(d.db, 1);
    expect(entry).toMatchObject({ actor: 'wang', action: 'publish.withdraw', target: id });

    const again = await admin.request<DistrictApiError>('POST', `/published/${id}/withdraw`, {});
    expect(again.status).toBe(404);
    const rules = await admin.request<DistrictApiError>(
      'POST',
      `/published/${DISTRICT_RULES_ID}/withdraw`,
      {},
    );
    expect(rules.status).toBe(400);
    expect(rules.body.error.message).toMatch(/publish the rules as they should be/);
  });

  it('answers 400 naming the field and its allowed range, and stores nothing', async () => {
    const before = (await pulled()).length;
    const bad: [unknown, string, RegExp][] = [
      [{ kind: 'poster', title: 'x' }, 'kind', /rules, announcement, activityTemplate/],
      [{ kind: 'rules', title: '', settings: { feverFrom: 37.5 } }, 'title', /1 to 100/],
      [
        { kind: 'rules', title: 'x', settings: { feverFrom: 41 } },
        'settings.feverFrom',
        /37 to 38\.5/,
      ],
      [
        { kind: 'rules', title: 'x', settings: { ratioLimits: { infant: 0 } } },
        'settings.ratioLimits.infant',
        /1 to 40/,
      ],
      [
        { kind: 'rules', title: 'x', settings: { feverFrom: '37' } },
        'settings.feverFrom',
        /number/,
      ],
      [
        { kind: 'rules', title: 'x', settings: { scanAgain: 'twice' } },
        'settings.scanAgain',
        /one of toggle, ask/,
      ],
      [{ kind: 'rules', title: 'x', settings: { colour: 1 } }, 'settings.colour', /not a setting/],
      [{ kind: 'rules', title: 'x', settings: {} }, 'settings', /at least one/],
      [
        { kind: 'rules', title: 'x', settings: { closingTime: '25:00' } },
        'settings.closingTime',
        /HH:mm/,
      ],
      [
        {
          kind: 'rules',
          title: 'x',
          settings: { daily: { mealSubsidies: { age70: { lunch: 20000 } } } },
        },
        'settings.daily.mealSubsidies.age70.lunch',
        /0 to 10000/,
      ],
      [
        { kind: 'rules', title: 'x', settings: { daily: { foodSample: { minGrams: 10 } } } },
        'settings.daily.foodSample.minGrams',
        /50 to 1000/,
      ],
      [
        {
          kind: 'rules',
          title: 'x',
          settings: { daily: { visits: { frequency: { high: { every: 60, unit: 'week' } } } } },
        },
        'settings.daily.visits.frequency.high.every',
        /1 to 52/,
      ],
      [
        { kind: 'announcement', title: 'x', shownFrom: '2026-12-01', shownUntil: '2026-11-01' },
        'shownUntil',
        /on or after/,
      ],
      [{ kind: 'announcement', title: 'x', shownFrom: '2026-13-01' }, 'shownFrom', /YYYY-MM-DD/],
      [
        { kind: 'activityTemplate', title: 'x', template: { category: 'elder', minutes: 2 } },
        'template.minutes',
        /5 to 600/,
      ],
      [
        { kind: 'activityTemplate', title: 'x', template: { category: 'party', minutes: 30 } },
        'template.category',
        /intergenerational/,
      ],
      [{ kind: 'announcement', title: 'x', settings: { feverFrom: 37.5 } }, 'settings', /not part/],
    ];
    for (const [body, field, message] of bad) {
      const res = await admin.request<FieldErrorBody>('POST', '/publish', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await pulled()).length).toBe(before);
  });

  it('refuses viewers (403) and sessions-less callers (401), and non-JSON bodies (415)', async () => {
    const body = { kind: 'announcement', title: '不该发' };
    const refused = await viewer.request<DistrictApiError>('POST', '/publish', body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const { body: inForce } = await admin.request<PublishedResponse>('GET', '/published');
    const id = inForce.templates[0]!.id;
    expect((await viewer.request('POST', `/published/${id}/withdraw`, {})).status).toBe(403);
    expect((await staffClient(d.url).request('POST', '/publish', body)).status).toBe(401);
    const form = await admin.request('POST', '/publish', 'kind=announcement', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(
      (await admin.request<PublishedResponse>('GET', '/published')).body.templates,
    ).toHaveLength(1);
  });
});
