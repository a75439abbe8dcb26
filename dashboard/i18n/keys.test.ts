import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { codeText, messageKey } from './keys';
import { zhCN } from './zh-CN';

/** Every message's key in a catalogue, dotted: 'app.title', 'person.field.phone', … */
const keysOf = (group: object, prefix = ''): string[] =>
  Object.entries(group).flatMap(([key, value]: [string, unknown]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value, `${prefix}${key}.`)
      : [prefix + key],
  );

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'zh-CN',
  resources: { 'zh-CN': { translation: zhCN } },
  showSupportNotice: false,
});
const t: TFunction = i18n.t;

describe("the dashboard's messages", () => {
  it('have the same keys in English as in Chinese', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
  });

  it('are looked up by keys the compiler checks: a misspelt key does not typecheck', () => {
    // Typed as words, so a page can render them without a cast.
    const title: string = t('app.title');
    expect(title).toBe('CoCare 区级管理平台');
    // @ts-expect-error -- no such key: `tsc -p tsconfig.dashboard-test.json` fails if t() takes it.
    expect(t('no.such.key')).toBe('no.such.key');
    // @ts-expect-error -- a misspelt key of a real group.
    t('app.titel');
  });

  it('word a code the district stores only when the catalogue has it, else show the code', () => {
    expect(messageKey('category', 'aged80')).toBe('category.aged80');
    expect(messageKey('category', 'notACategory')).toBeNull();
    // A group is not a message, and neither is what every object inherits.
    expect(messageKey('person', 'field')).toBeNull();
    expect(messageKey('category', 'constructor')).toBeNull();
    // @ts-expect-error -- no such group.
    messageKey('no.such.group', 'x');
    expect(codeText(t, 'category', 'aged80')).toBe('高龄（80+）');
    expect(codeText(t, 'category', 'notACategory')).toBe('notACategory');
    // A dotted action code is worded in a subgroup, as i18next reads it: the action log says it.
    expect(codeText(t, 'actions.action', 'person.view')).toBe('查看个人档案');
    expect(codeText(t, 'actions.action', 'person.nothing')).toBe('person.nothing');
  });
});

describe('the subsidy categories', () => {
  it('are named as on the desk and in the Excel report, in both languages', async () => {
    const { SUBSIDY_CATEGORY_WORDS } = await import('../../shared/rules/subsidyCategory');
    expect(zhCN.subsidyName).toEqual(SUBSIDY_CATEGORY_WORDS.zh);
    expect(en.subsidyName).toEqual(SUBSIDY_CATEGORY_WORDS.en);
    expect(zhCN.subsidyName.age65).toBe('65–69 岁');
  });
});
