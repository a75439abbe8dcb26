import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { charactersWithoutReading, suggestedPinyin } from '../../../shared/search';
import { InputField } from '../kit/Field';

/**
 * The pinyin a person is found by, filled in from the name by the library and open to change: a
 * character the library cannot read (CJK Extension B and later) stays in it, and the hint asks
 * for its reading, so "wang ji" can be typed for 王𠮷 and then searched. Registration and
 * correction use it.
 */
export function PinyinField({
  id,
  name,
  value,
  onChange,
  inline,
}: {
  id: string;
  /** The person's name as it stands in the form: the pinyin follows it until the worker edits it. */
  name: string;
  value: string;
  onChange(value: string): void;
  inline?: boolean;
}) {
  const { t } = useTranslation();
  // The suggestion last filled in: while the field still holds it, a changed name refills it.
  const suggested = useRef(suggestedPinyin(name));
  useEffect(() => {
    const next = suggestedPinyin(name);
    if (next === suggested.current) return;
    if (!value.trim() || value === suggested.current) onChange(next);
    suggested.current = next;
  }, [name, value, onChange]);
  const unread = charactersWithoutReading(value);
  return (
    <InputField
      id={id}
      label={t('register.pinyin')}
      inline={inline}
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      hint={
        unread.length ? (
          <span className="warn">{t('register.pinyinUnread', { chars: unread.join('、') })}</span>
        ) : (
          t('register.pinyinHint')
        )
      }
    />
  );
}
