import { BehaviorSubject, type Subscription } from 'rxjs';
import type { Desk } from '../data/desk';
import { adoptCentre } from '../data/enrolment';
import type { Platform } from '../platform';
import { checkDistrictUrl, requestEnrolment } from './enrol';
import { SyncError } from './errors';
import {
  importReturnPacket,
  packetInfo,
  registerPacketKeys,
  writePacket,
  type ImportedReturn,
  type PacketInfo,
  type WrittenPacket,
} from './packets';
import { countUnsent, startSync, type SyncHandle, type SyncStatus } from './replication';

const UNENROLLED: SyncStatus = {
  mode: 'unenrolled',
  lastSyncAt: null,
  pending: 0,
  error: null,
  clockOffsetMs: null,
  setAside: [],
  ignoredClocks: [],
  incoming: null,
};

/**
 * Owns the desk's one sync session: starts it after enrolment or at start-up, and reports its
 * state (before enrolment too: the records kept only on this desk are counted as waiting),
 * including the documents set aside because the district cannot take them (`setAside`)
 * and the clock values the desk's clock did not follow (`ignoredClocks`).
 */
export class SyncController {
  readonly status$ = new BehaviorSubject<SyncStatus>(UNENROLLED);
  private handle: SyncHandle | null = null;
  private subscription: Subscription | null = null;
  /** Before enrolment: the count of records waiting, until a sync takes over counting. */
  private unsent: Subscription | null = null;
  private syncing = false;

  constructor(
    private readonly desk: Desk,
    private readonly platform: Platform,
  ) {}

  /** At start-up: sync again if this desk was enrolled before. */
  async resume(): Promise<void> {
    const { districtUrl, deviceId } = this.desk.settings;
    const token = districtUrl && deviceId ? await this.platform.getSecret('deviceToken') : null;
    if (!districtUrl || !token) return this.countUnsent();
    await this.start(districtUrl, token);
    this.updateFrom(districtUrl);
  }

  async enrol(input: { districtUrl: string; code: string; deviceName: string }): Promise<void> {
    const url = checkDistrictUrl(input.districtUrl);
    if (!url) throw new SyncError('bad_request', 'The district address must use https://');
    const answer = await requestEnrolment(url, { code: input.code, deviceName: input.deviceName });
    await this.stop();
    await this.platform.setSecret('deviceToken', answer.token);
    await adoptCentre(this.desk, {
      centreId: answer.centreId,
      centreName: answer.centreName,
      deviceId: answer.deviceId,
      districtUrl: url.origin,
    });
    await this.start(url.origin, answer.token, false);
    // Enrolment is done online: the packet keys are exchanged now, so a desk that loses its link
    // right after can still write packets. A failure here is retried at every start.
    await registerPacketKeys(this.desk, this.platform, {
      baseUrl: url.origin,
      token: answer.token,
    }).catch(warnKeys);
    this.updateFrom(url.origin);
  }

  /** Sync packets (packets.ts): what the settings screen shows. */
  packetInfo(): Promise<PacketInfo> {
    return packetInfo(this.desk);
  }

  writePacket(): Promise<WrittenPacket> {
    return writePacket(this.desk, this.platform);
  }

  /** Imports a return packet; a running sync recounts what waits at once. */
  importReturnPacket(text: string): Promise<ImportedReturn> {
    const handle = this.handle;
    return importReturnPacket(
      this.desk,
      this.platform,
      text,
      handle ? (acks) => handle.acknowledge(acks) : undefined,
    );
  }

  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.handle?.stop();
    this.handle = null;
    this.subscription = null;
  }

  /**
   * The shell updates the desk from the district it syncs with (electron/updater.ts). A refusal
   * (another district kept from before) does not stop syncing: it is only logged.
   */
  private updateFrom(districtUrl: string): void {
    this.platform.updateFrom(districtUrl).catch((error: unknown) => {
      console.warn(
        'CoCare Desk: updates not set up:',
        error instanceof Error ? error.message : error,
      );
    });
  }

  private async countUnsent(): Promise<void> {
    const counting = await countUnsent(this.desk, (pending) =>
      this.status$.next({ ...this.status$.value, pending }),
    );
    // An enrolment that started meanwhile counts for itself.
    if (this.syncing) counting.unsubscribe();
    else this.unsent = counting;
  }

  private async start(districtUrl: string, token: string, registerKeys = true): Promise<void> {
    this.syncing = true;
    this.unsent?.unsubscribe();
    this.unsent = null;
    this.handle = await startSync(this.desk, {
      baseUrl: districtUrl,
      token,
      // The district rotates device tokens: a new one is kept where the first one was.
      onNewToken: (fresh) => this.platform.setSecret('deviceToken', fresh),
    });
    this.subscription = this.handle.status$.subscribe((s) => this.status$.next(s));
    // The packet keys go to the district, and its own come back, whenever the link is up.
    if (registerKeys) {
      registerPacketKeys(this.desk, this.platform, { baseUrl: districtUrl, token }).catch(warnKeys);
    }
  }
}

function warnKeys(error: unknown): void {
  console.warn(
    'CoCare Desk: packet keys not registered yet:',
    error instanceof Error ? error.message : error,
  );
}
