import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberDoc } from '../../../shared/schemas';
import { searchPeople } from '../../../shared/search';
import { InputField } from '../kit/Field';
import { PersonName } from '../kit/PersonName';
import { useFinderKeys } from '../kit/hooks';

/**
 * Adds people by name or pinyin: a field and, as one types, up to six who match, each a button.
 * Enter adds the match selected (↑/↓ move, as in every finder) and never saves the form around
 * the box (renderer/ui/kit/entryKeys.ts). Enrolling in a plan and adding a walk-in to a session
 * use it; `big` is the touch-screen size.
 */
export function PeoplePicker({
  id,
  label,
  people,
  onPick,
  big = false,
}: {
  id: string;
  label: string;
  /** Whom to offer: those already on the list are left out by the caller. */
  people: readonly MemberDoc[];
  onPick(member: MemberDoc): unknown;
  big?: boolean;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const found = query.trim() ? searchPeople(people, query, 6) : [];
  const add = (member: MemberDoc) => void Promise.resolve(onPick(member)).then(() => setQuery(''));
  // Nothing matched: Enter still only stays in the box; the empty list says why.
  const { selected, onKeyDown } = useFinderKeys(found, query, setQuery, {
    pick: add,
    noMatch: () => undefined,
  });
  return (
    <>
      <InputField
        id={id}
        label={label}
        className={big ? 'finder-input' : undefined}
        value={query}
        placeholder={t('schedule.searchHint')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {found.length > 0 && (
        <ul className="pick-list" aria-label={t('schedule.searchResults')}>
          {found.map((m, index) => (
            <li key={m.id} className={index === selected ? 'selected' : undefined}>
              <button type="button" className={big ? 'big' : undefined} onClick={() => add(m)}>
                + <PersonName person={m} />（{t(`kind.${m.kind}`)}）
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
