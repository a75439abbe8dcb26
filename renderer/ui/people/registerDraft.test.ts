import { describe, expect, it } from 'vitest';
import { draftOf, dropDraft, dropDraftsExcept, hasDraft, keepDraft } from './registerDraft';
import { EMPTY } from './registerForm';

describe('a registration draft across the idle lock', () => {
  it('comes back to the staff member who typed it, until the form is saved', () => {
    keepDraft('s1', { ...EMPTY, name: '王秀英' });
    dropDraftsExcept('s1');
    expect(hasDraft('s1')).toBe(true);
    expect(draftOf('s2')).toBeNull();
    expect(draftOf('s1')?.name).toBe('王秀英');
    dropDraft('s1');
    expect(draftOf('s1')).toBeNull();
  });

  it('is thrown away when someone else logs in', () => {
    keepDraft('s1', { ...EMPTY, name: '王秀英' });
    dropDraftsExcept('s2');
    expect(hasDraft('s1')).toBe(false);
    expect(draftOf('s1')).toBeNull();
  });
});
