import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AuditLine } from '../../data/audit';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { auditWords } from './auditWords';

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'zh-CN',
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  showSupportNotice: false,
});

const line = (over: Partial<AuditLine>): AuditLine => ({
  id: 'e1',
  at: new Date('2026-11-24T08:05:09').toISOString(),
  action: 'sensitive.change',
  who: '周敏',
  whom: { kind: 'member', id: 'm1', name: '李小满', erased: false },
  fields: [],
  reason: '',
  changes: [],
  ...over,
});

describe('an audit entry in words (renderer/ui/admin/auditWords.ts)', () => {
  it('says who did what to whom, and the fields in the desk’s language', () => {
    expect(
      auditWords(i18n.t, line({ fields: ['temperature', 'observations', 'birthDate'] })),
    ).toEqual({
      when: '2026-11-24 08:05:09',
      who: '周敏',
      action: '修改敏感信息',
      whom: '李小满',
      fields: '体温、晨午检所见、出生日期',
      reason: '',
    });
  });

  it('tells a person from a namesake by what the desk shows beside the name', () => {
    const nameOf = (p: { id: string; name: string }) =>
      p.id === 'm1' ? `${p.name}（2023年生）` : p.name;
    expect(auditWords(i18n.t, line({}), nameOf).whom).toBe('李小满（2023年生）');
  });

  it('writes an erased person as （已删除）, never a name', () => {
    const words = auditWords(
      i18n.t,
      line({ action: 'person.erase', whom: { kind: 'member', id: 'm1', name: '', erased: true } }),
    );
    expect(words.whom).toBe('（已删除）');
  });

  it('keeps the code of a field it has no words for, and names the desk when no one acted', () => {
    const words = auditWords(i18n.t, line({ who: null, fields: ['someNewField'] }));
    expect(words).toMatchObject({ who: '本机（系统）', fields: 'someNewField' });
  });

  it('words a sheet taken and a list opened', () => {
    expect(
      auditWords(
        i18n.t,
        line({
          action: 'sheet.export',
          whom: { kind: 'sheet', day: '2026-11-24' },
          reason: 'excel',
        }),
      ),
    ).toMatchObject({ whom: '2026-11-24 日报', reason: '导出 Excel' });
    const list = (which: string) =>
      auditWords(i18n.t, line({ action: 'list.view', whom: { kind: 'list', list: which } })).whom;
    expect(list('child')).toBe('人员名单（幼儿）');
    expect(list('all')).toBe('人员名单（全部）');
  });

  it('words a row typed in from the paper sheet (补录): what was recorded and the paper’s day', () => {
    expect(
      auditWords(
        i18n.t,
        line({
          action: 'paper.backfill',
          fields: ['attendance', 'pickup', 'meals', 'health'],
          reason: '2026-12-03',
        }),
      ),
    ).toMatchObject({
      action: '补录纸质表',
      whom: '李小满',
      fields: '签到签退、接送、用餐、健康信息',
      reason: '纸质表日期 2026-12-03',
    });
  });

  it('says the same in English', () => {
    const t = i18n.getFixedT('en');
    expect(auditWords(t, line({ fields: ['temperature'] }))).toMatchObject({
      action: 'Changed sensitive data',
      fields: 'Temperature',
    });
  });

  it('puts a correction’s before and after in words, with the reason', () => {
    const words = auditWords(
      i18n.t,
      line({
        action: 'person.correct',
        fields: ['name', 'gender', 'guardians', 'note'],
        reason: '户口本上是秀云',
        changes: [
          { field: 'name', before: '王秀英', after: '王秀云' },
          { field: 'gender', before: 'M', after: 'F' },
          {
            field: 'guardians',
            before: [{ id: 'g1', name: '王芳', relation: '母亲', phone: '13800000000' }],
            after: [{ id: 'g1', name: '王丽', relation: '母亲', phone: '13800000000' }],
          },
          { field: 'note', before: '爱画画', after: null },
        ],
      }),
    );
    expect(words.action).toBe('更正个人信息');
    expect(words.fields).toBe(
      '姓名：王秀英 → 王秀云；性别：男 → 女；监护人：王芳（母亲） 13800000000 → 王丽（母亲） 13800000000；备注：爱画画 → （空）',
    );
    expect(words.reason).toBe('户口本上是秀云');
  });
});
