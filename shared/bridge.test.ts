import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CHANNELS,
  IPC,
  isChannel,
  type AppInfo,
  type BackupWritten,
  type BridgeInvoke,
  type BridgeResult,
} from './bridge';

describe('the bridge’s channels', () => {
  it('are the IPC names, each once, and no other name is one', () => {
    expect([...CHANNELS].sort()).toEqual(Object.values(IPC).sort());
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    for (const channel of Object.values(IPC)) expect(isChannel(channel)).toBe(true);
    for (const name of [
      'cocare:shell:exec',
      'constructor',
      'toString',
      '__proto__',
      '',
      42,
      null,
    ]) {
      expect(isChannel(name)).toBe(false);
    }
  });

  // These fail `tsc` (run by `npm test`), not vitest: each @ts-expect-error is an error the day
  // its line compiles.
  it('type a call by its channel: its arguments, and its result', async () => {
    const refused: BridgeInvoke = async () => ({ ok: false, error: 'not sent' });
    expectTypeOf(refused(IPC.appInfo)).resolves.toEqualTypeOf<BridgeResult<AppInfo>>();
    expectTypeOf(refused(IPC.backupsWrite, new Uint8Array(), 'c1', 30)).resolves.toEqualTypeOf<
      BridgeResult<BackupWritten>
    >();
    // @ts-expect-error not a channel of the bridge
    await refused('cocare:shell:exec');
    // @ts-expect-error only the bridge's secret names
    await refused(IPC.secretsGet, 'apiKey');
    // @ts-expect-error a secret is saved with its value
    await refused(IPC.secretsSet, 'deviceToken');
    // @ts-expect-error the days kept are a number
    await refused(IPC.backupsWrite, new Uint8Array(), 'c1', '30');
  });
});
