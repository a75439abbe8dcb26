import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { SyncError } from './errors';
import type { SyncMode } from './replication';
import { syncLine } from './statusLine';

const at = (mode: SyncMode, pending: number, error: SyncError | null = null) =>
  syncLine({ mode, pending, error });

describe('the status bar’s one message (syncLine)', () => {
  it('says records wait before enrolment, with their real number', () => {
    expect(at('unenrolled', 99)).toEqual({ key: 'unenrolledWaiting', count: 99, error: null });
    expect(at('unenrolled', 0).key).toBe('unenrolled');
  });

  it('says "synced" only when nothing waits: online with records left is still sending', () => {
    expect(at('online', 9)).toMatchObject({ key: 'uploading', count: 9 });
    expect(at('online', 0).key).toBe('synced');
  });

  it('says a link that is down once, by its cause, with what waits', () => {
    expect(at('offline', 9, new SyncError('offline', 'fetch failed')).key).toBe('offlineWaiting');
    expect(at('offline', 0, new SyncError('offline', 'fetch failed')).key).toBe('offline');
    expect(at('offline', 3, new SyncError('timed_out', 'slow')).key).toBe('timedOutWaiting');
    expect(at('offline', 3, new SyncError('server_unreachable', '502')).key).toBe(
      'unreachableWaiting',
    );
    expect(at('offline', 3, new SyncError('internal', '500')).key).toBe('unreachableWaiting');
    // The link's error is not carried on to be said a second time.
    expect(at('offline', 3, new SyncError('offline', 'x')).error).toBeNull();
  });

  it('names a problem a person must fix, and still counts what waits', () => {
    const refused = new SyncError('device_revoked', 'revoked');
    expect(at('error', 4, refused)).toEqual({ key: 'error', count: 4, error: refused });
  });

  it('counts while connecting and after a stop', () => {
    expect(at('connecting', 2).key).toBe('connectingWaiting');
    expect(at('stopped', 2).key).toBe('stoppedWaiting');
    expect(at('stopped', 0).key).toBe('stopped');
  });

  it('has words for every message in both languages, each waiting one with its count', () => {
    const keys = ['unenrolled', 'connecting', 'online', 'offline', 'error', 'stopped'] as const;
    for (const mode of keys)
      for (const pending of [0, 5])
        for (const code of ['offline', 'timed_out', 'server_unreachable'] as const) {
          const { key } = at(mode, pending, new SyncError(code, code));
          for (const catalogue of [zhCN, en]) {
            const text = catalogue.sync.line[key];
            expect(text, `${key} in ${catalogue === zhCN ? 'zh-CN' : 'en'}`).toBeTruthy();
            if (pending > 0) expect(text).toContain('{{count}}');
          }
        }
  });
});
