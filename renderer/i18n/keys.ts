import type { TFunction } from 'i18next';
import { keyIn, type GroupPath } from '../../shared/ui/messageKey';
import { zhCN, type Messages } from './zh-CN';

/**
 * Every key the desk passes to `t()` is checked against the Chinese catalogue at compile time (a
 * missing or misspelt key is a type error); en.ts is typed by the same catalogue, so both
 * languages have every key. The dashboard types its own catalogue the same way, in its own program
 * (tsconfig.desk.json, tsconfig.dashboard.json).
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
    returnNull: false;
  }
}

/**
 * The key of a code that comes from outside the program (an error's message, a value read from a
 * file or the district) in the catalogue's group `group`, or null when the desk has no words for
 * it. Codes the program itself types (a `Diet`, a `MealType`) need no lookup: t(`diet.${d}`).
 */
export const messageKey = <G extends GroupPath<Messages>>(group: G, code: string) =>
  keyIn(zhCN, group, code);

/** A code from outside in words, or the code itself when the desk has no words for it. */
export function codeText(t: TFunction, group: GroupPath<Messages>, code: string): string {
  const key = messageKey(group, code);
  return key === null ? code : t(key);
}
