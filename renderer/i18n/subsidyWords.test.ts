import { describe, expect, it } from 'vitest';
import { SUBSIDY_CATEGORY_WORDS } from '../../shared/rules/subsidyCategory';
import { en } from './en';
import { zhCN } from './zh-CN';

describe("the district report's category words", () => {
  it('are the desk’s own, in both languages', () => {
    for (const code of ['neediest', 'age70', 'age65'] as const) {
      expect(SUBSIDY_CATEGORY_WORDS.zh[code]).toBe(zhCN.meals.categoryName[code]);
      expect(SUBSIDY_CATEGORY_WORDS.en[code]).toBe(en.meals.categoryName[code]);
    }
  });
});
