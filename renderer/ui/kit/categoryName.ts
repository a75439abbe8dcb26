import type { TFunction } from 'i18next';

/**
 * A subsidy category's name, the same on the meal screens and the rules screen; a code the desk
 * has no words for is shown as it is.
 */
export function categoryName(t: TFunction, code: string | null) {
  const key = code ?? 'none';
  return t(`meals.categoryName.${key}`, { defaultValue: key });
}
