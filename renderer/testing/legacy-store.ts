/**
 * A desk's store as desks wrote it before schema version 1, for the migration's tests: every
 * collection at version 0 with the `encrypted` lists of then, encrypted by RxDB's crypto-js plugin
 * (AES-CBC), on the same Dexie storage. The schemas of version 0 differ from today's only in
 * `version` and `encrypted`, so they are today's with those two put back.
 */
import { IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { formatHlc } from '../../shared/hlc';
import { COLLECTIONS, type CollectionDocs, type CollectionName } from '../../shared/schemas';
import { nameSearchKeys } from '../../shared/search';
import { lastWriterWins, type DeskDatabase } from '../data/database';
import { TEST_STORE_KEY } from './node-desk';

/** What version 0 encrypted (and crypto-js ciphertext is what it left on disk). */
export const VERSION_0_ENCRYPTED: Record<CollectionName, readonly string[]> = {
  members: ['idNumber', 'healthNotes', 'chronicConditions', 'guardians'],
  attendance: [],
  auditLog: ['data'],
  staff: [],
  visits: ['livingConditions', 'safetyRisks', 'familySupport', 'servicesGiven', 'followUp'],
  care: [
    'systolic',
    'diastolic',
    'pulse',
    'sugar',
    'sugarTiming',
    'heightCm',
    'weightKg',
    'note',
    'incidentKind',
    'happened',
    'actionTaken',
    'followUps',
  ],
  consents: [],
  absences: ['illness'],
  health: ['temperature', 'observations', 'symptoms', 'medicine', 'note'],
  district: [],
  meals: [],
  activities: [],
};

/** Opens `name` on a simulated machine's IndexedDB as a desk of before version 1 did. */
export async function openVersion0Store(
  indexedDB: IDBFactory,
  name: string,
  collections: readonly CollectionName[],
): Promise<DeskDatabase> {
  const db = await createRxDatabase({
    name,
    storage: wrappedKeyEncryptionCryptoJsStorage({
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    }),
    password: TEST_STORE_KEY,
    localDocuments: true,
    closeDuplicates: true,
  });
  await db.addCollections(
    Object.fromEntries(
      collections.map((collection) => [
        collection,
        {
          schema: {
            ...COLLECTIONS[collection].schema,
            version: 0,
            encrypted: [...VERSION_0_ENCRYPTED[collection]],
          } as unknown as RxJsonSchema<unknown>,
          conflictHandler: lastWriterWins,
        },
      ]),
    ),
  );
  return db as unknown as DeskDatabase;
}

const CENTRE = 'centre-legacy';
const at = (n: number) => formatHlc({ wallMs: 1_780_000_000_000 + n, counter: 0, node: 'dlegacy' });
const base = (id: string, n: number) => ({
  id,
  centreId: CENTRE,
  createdAt: '2026-05-28T08:00:00.000Z',
  updatedAt: at(n),
  updatedBy: 'staff-1',
});

/**
 * One or two records of every collection with every personal field filled, as a desk of before
 * version 1 stored them. The texts and numbers are unusual on purpose: `SECRETS` finds them in
 * the raw storage only if one is stored in clear.
 */
export const PERSONAL_RECORDS: { [K in CollectionName]: CollectionDocs[K][] } = {
  members: [
    {
      ...base('m-child', 1),
      kind: 'child',
      name: '李小满',
      ...nameSearchKeys('李小满'),
      gender: 'M',
      birthDate: '2023-07-19',
      idNumber: '11010520230719003X',
      phone: '13700001111',
      note: '午睡需要小毯子',
      cardNo: '20481024',
      status: 'active',
      subsidyCategory: 'dibaoChild',
      diets: ['halal'],
      allergies: ['芒果过敏'],
      healthNotes: '哮喘史曾住院',
      emergencyContacts: [{ id: 'e1', name: '赵外婆', relation: '外婆', phone: '13600002222' }],
      childClass: 'toddler',
      guardians: [{ id: 'g1', name: '李建国', relation: '父亲', phone: '13912345678' }],
      pickupAdults: [
        {
          id: 'p1',
          name: '孙阿姨',
          relation: '保姆',
          phone: '13500003333',
          photo: 'data:image/jpeg;base64,/9j/PICKUPPHOTO',
        },
      ],
      vaccinationCheckedOn: '2026-03-02',
      vaccinationCheckedBy: 'staff-1',
    },
    {
      ...base('m-elder', 2),
      kind: 'elder',
      name: '王秀英',
      ...nameSearchKeys('王秀英'),
      gender: 'F',
      birthDate: '1941-11-23',
      idNumber: '110105194111230025',
      phone: '13800004444',
      status: 'active',
      categories: ['dibao', 'livingAlone'],
      abilityLevel: 'moderate',
      chronicConditions: ['糖尿病二型'],
      visitRisk: 'high',
      diets: ['diabetic'],
    },
  ],
  staff: [
    {
      ...base('staff-1', 3),
      name: '刘护士',
      ...nameSearchKeys('刘护士'),
      role: 'healthWorker',
      phone: '13300005555',
      active: true,
      pin: {
        algorithm: 'PBKDF2-SHA256',
        iterations: 210000,
        salt: 'c2FsdHNhbHQ=',
        hash: 'PINHASHPINHASH',
      },
      certificates: [
        { kind: 'healthCertificate', number: 'JKZ-7781-2026', expiresOn: '2027-01-31' },
      ],
    },
  ],
  attendance: [
    {
      ...base('a-child', 4),
      memberId: 'm-child',
      personKind: 'member',
      day: '2026-05-28',
      status: 'out',
      checkInAt: '2026-05-28T00:41:07.000Z',
      checkOutAt: '2026-05-28T09:13:59.000Z',
      checkInBy: 'staff-1',
      checkOutBy: 'staff-1',
      pickup: {
        name: '周舅舅',
        relation: '舅舅',
        override: { managerId: 'staff-1', reason: '父亲电话确认由舅舅接走', phone: '13200006666' },
      },
      corrections: [
        {
          at: '2026-05-28T10:00:00.000Z',
          by: 'staff-1',
          field: 'checkOutAt',
          from: '2026-05-28T09:20:00.000Z',
          to: '2026-05-28T09:13:59.000Z',
          reason: '补录离园时间',
        },
      ],
    },
    {
      ...base('a-visitor', 5),
      memberId: 'a-visitor',
      personKind: 'visitor',
      day: '2026-05-28',
      status: 'in',
      checkInAt: '2026-05-28T02:02:02.000Z',
      visitor: { name: '钱来访', phone: '13100007777', purpose: '看望王秀英' },
    },
  ],
  consents: [
    {
      ...base('c-1', 6),
      memberId: 'm-child',
      givenBy: '李建国签字',
      relation: '父子关系',
      scopes: ['health', 'photo'],
      givenOn: '2026-03-01',
    },
  ],
  absences: [
    {
      ...base('ab-1', 7),
      memberId: 'm-child',
      day: '2026-05-27',
      reason: 'illness',
      illness: {
        onset: '2026-05-26',
        symptoms: ['fever'],
        doctorSeen: true,
        diagnosis: '疱疹性咽峡炎',
      },
      followUps: [{ at: '2026-05-27T03:00:00.000Z', by: 'staff-1', note: '电话随访体温已降' }],
    },
  ],
  health: [
    {
      ...base('h-1', 8),
      kind: 'morningCheck',
      memberId: 'm-child',
      day: '2026-05-28',
      at: '2026-05-28T00:45:00.000Z',
      by: 'staff-1',
      temperature: 37.9,
      observations: ['throatRed'],
      symptoms: ['cough'],
      medicine: { name: '布洛芬混悬液', dose: '5毫升', time: '11:30', handedInBy: '李建国' },
      outcome: 'watch',
      note: '精神稍差多饮水',
    },
  ],
  care: [
    {
      ...base('cr-1', 9),
      kind: 'bloodPressure',
      memberId: 'm-elder',
      day: '2026-05-28',
      at: '2026-05-28T01:00:00.000Z',
      by: 'staff-1',
      systolic: 187,
      diastolic: 113,
      pulse: 97,
      note: '头晕复测',
    },
    {
      ...base('cr-2', 10),
      kind: 'incident',
      memberId: 'm-elder',
      day: '2026-05-28',
      at: '2026-05-28T06:00:00.000Z',
      by: 'staff-1',
      incidentKind: 'fall',
      happened: '卫生间滑倒擦伤膝盖',
      actionTaken: '碘伏消毒通知女儿',
      followUps: [{ at: '2026-05-28T07:00:00.000Z', by: 'staff-1', note: '女儿已接回观察' }],
    },
  ],
  visits: [
    {
      ...base('vl-m-elder', 11),
      kind: 'listing',
      memberId: 'm-elder',
      risk: 'high',
      listedOn: '2026-01-05',
      riskHistory: [{ risk: 'key', from: '2026-01-05', by: 'staff-1' }],
    },
    {
      ...base('v-1', 12),
      kind: 'visit',
      memberId: 'm-elder',
      visitKind: 'home',
      at: '2026-05-20T02:00:00.000Z',
      visitedBy: 'staff-1',
      reached: true,
      livingConditions: '独居平房漏雨',
      safetyRisks: '燃气灶无熄火保护',
      familySupport: '儿子在外地打工',
      servicesGiven: '代购降压药',
      followUp: '联系村委修屋顶',
      nextDueOn: '2026-05-27',
    },
  ],
  auditLog: [
    {
      ...base('al-1', 13),
      action: 'sync.conflictLost',
      subjectCollection: 'members',
      subjectId: 'm-elder',
      data: { name: '王秀英', phone: '13000008888' },
      winnerUpdatedAt: at(2),
      at: '2026-05-28T05:00:00.000Z',
    },
    {
      ...base('al-2', 14),
      action: 'override.pickup',
      subjectCollection: 'attendance',
      subjectId: 'a-child',
      staffId: 'staff-1',
      fields: ['pickup'],
      reason: '舅舅持户口本核对',
      at: '2026-05-28T09:14:00.000Z',
    },
  ],
  meals: [
    {
      ...base('ml-1', 15),
      kind: 'serving',
      day: '2026-05-28',
      mealType: 'lunch',
      memberId: 'm-elder',
      mode: 'delivered',
      servedAt: '2026-05-28T03:30:00.000Z',
      servedBy: 'staff-1',
      subsidyCategory: 'tekunElder',
      confirmedWarnings: [{ kind: 'diet', dish: '红烧肉', about: '糖尿病饮食' }],
      deliveredBy: '志愿者小吴',
      deliveredAt: '2026-05-28T04:00:00.000Z',
    },
  ],
  activities: [
    {
      ...base('ac-1', 16),
      kind: 'attendance',
      planId: 'plan-1',
      date: '2026-05-28',
      memberId: 'm-child',
      present: true,
      note: '和王奶奶一起折纸很开心',
      recordedAt: '2026-05-28T07:00:00.000Z',
      recordedBy: 'staff-1',
    },
  ],
  district: [
    {
      ...base('d-1', 17),
      centreId: 'district',
      kind: 'announcement',
      title: '端午放假通知',
      text: '端午节放假一天',
      shownFrom: '2026-05-25',
      shownUntil: '2026-06-01',
      publishedAt: '2026-05-24T00:00:00.000Z',
    },
  ],
};

/** Values of `PERSONAL_RECORDS` that are in encrypted fields, and found nowhere else when encrypted. */
export const SECRETS = [
  '2023-07-19',
  '11010520230719003X',
  '13700001111',
  '午睡需要小毯子',
  '20481024',
  'dibaoChild',
  '芒果过敏',
  '哮喘史曾住院',
  '赵外婆',
  '13600002222',
  '李建国',
  '13912345678',
  '孙阿姨',
  'PICKUPPHOTO',
  '1941-11-23',
  '110105194111230025',
  '13800004444',
  '糖尿病二型',
  '13300005555',
  'PINHASHPINHASH',
  'JKZ-7781-2026',
  '00:41:07',
  '09:13:59',
  '周舅舅',
  '父亲电话确认',
  '13200006666',
  '补录离园时间',
  '钱来访',
  '13100007777',
  '看望王秀英',
  '父子关系',
  '疱疹性咽峡炎',
  '电话随访',
  '布洛芬',
  '精神稍差',
  '头晕复测',
  '卫生间滑倒',
  '碘伏消毒',
  '女儿已接回',
  '独居平房',
  '燃气灶',
  '在外地打工',
  '代购降压药',
  '修屋顶',
  '13000008888',
  '户口本',
  'tekunElder',
  '糖尿病饮食',
  '折纸很开心',
];
