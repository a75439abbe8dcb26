import { describe, expect, it } from 'vitest';
import { storeFault } from './storeErrors';

describe('storeFault', () => {
  it('finds a full disk however deeply Dexie and RxDB wrap it', () => {
    const dom = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const dexie = Object.assign(new Error('QuotaExceededError'), {
      name: 'AbortError',
      inner: dom,
    });
    const rx = Object.assign(new Error('RxError (RC_PUSH)'), { parameters: { errors: [dexie] } });
    expect(storeFault(rx)).toBe('full');
  });

  it('calls a broken database failing, and leaves other errors to their own words', () => {
    const broken = Object.assign(new Error('Database has been closed'), {
      name: 'DatabaseClosedError',
    });
    expect(storeFault(new Error('wrapper', { cause: broken }))).toBe('failing');
    expect(storeFault(new Error('手机号须为 11 位'))).toBeNull();
    expect(storeFault('just a string')).toBeNull();
  });
});
