/**
 * Sync packets on the dashboard (docs/DESIGN.md, "Sync packets"): an admin uploads a desk's packet
 * (from a USB stick) and downloads the return packet for that desk; each centre shows when it last
 * synced by network and by packet, and what its desks said was still waiting.
 */
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DeviceInfo,
  ImportPacketResponse,
  ReturnPacketResponse,
} from '../../server/district/types';
import { api, ApiError } from '../api';
import { dateTime, errorText, relativeTime } from '../format';
import { messageKey } from '../i18n/keys';
import { centreSync } from '../packetSummary';

function packetErrorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError && err.code.startsWith('packet_')) {
    const key = messageKey('packets.error', err.code.slice('packet_'.length));
    return key ? t(key) : err.message;
  }
  return errorText(err);
}

/** Asks the district for the device's return packet and saves it as a file. */
async function downloadReturn(deviceId: string): Promise<ReturnPacketResponse> {
  const answer = await api<ReturnPacketResponse>(
    'POST',
    `/devices/${encodeURIComponent(deviceId)}/return-packet`,
    {},
  );
  const url = URL.createObjectURL(new Blob([answer.packet], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = answer.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return answer;
}

/** The return packet button of one device (admins, devices that registered their keys). */
export function ReturnPacketButton({ device }: { device: DeviceInfo }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  if (!device.packetReady || device.revokedAt) return null;
  return (
    <>
      <button
        type="button"
        onClick={() =>
          void downloadReturn(device.id).then(
            (r) =>
              setState({
                ok: true,
                text: t('packets.returned', { count: r.documents, file: r.fileName }),
              }),
            (err: unknown) => setState({ ok: false, text: packetErrorText(t, err) }),
          )
        }
      >
        {t('packets.returnPacket')}
      </button>
      {state && (
        <span
          className={`return-status ${state.ok ? 'ok' : 'error'}`}
          role={state.ok ? 'status' : 'alert'}
        >
          {state.text}
        </span>
      )}
    </>
  );
}

/** Upload of a desk's packet; once imported, the return packet for that desk is one click away. */
export function PacketUpload({ onImported }: { onImported?: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportPacketResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [returned, setReturned] = useState<string | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setDone(null);
    setReturned(null);
    try {
      const packet = await file.text();
      setDone(await api<ImportPacketResponse>('POST', '/packets', { packet }));
      onImported?.();
    } catch (err) {
      setError(packetErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="packets-heading" className="panel packets">
      <h3 id="packets-heading">{t('packets.heading')}</h3>
      <p className="muted">{t('packets.intro')}</p>
      <label className="file-button button">
        <input
          type="file"
          accept=".cocarepkt"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void upload(file);
          }}
        />
        {busy ? t('packets.importing') : t('packets.upload')}
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <div className="ok" role="status">
          <p>
            {t('packets.imported', {
              sequence: done.sequence,
              device: done.deviceId,
              count: done.documents,
              conflicts: done.conflicts,
            })}
          </p>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void downloadReturn(done.deviceId).then(
                (r) => setReturned(t('packets.returned', { count: r.documents, file: r.fileName })),
                (err: unknown) => setError(packetErrorText(t, err)),
              )
            }
          >
            {t('packets.returnPacket')}
          </button>
          {returned && <p>{returned}</p>}
        </div>
      )}
    </section>
  );
}

/** A centre's sync at a glance: by network, by packet, and what its desks said was waiting. */
export function CentreSyncSummary({ devices }: { devices: DeviceInfo[] }) {
  const { t } = useTranslation();
  const { network, packet, waiting } = centreSync(devices);
  return (
    <dl className="sync-summary" data-testid="centre-sync">
      <dt>{t('packets.byNetwork')}</dt>
      <dd title={dateTime(network)}>{network ? relativeTime(network) : t('packets.never')}</dd>
      <dt>{t('packets.byPacket')}</dt>
      <dd title={dateTime(packet)}>{packet ? relativeTime(packet) : t('packets.never')}</dd>
      <dt>{t('packets.waiting')}</dt>
      <dd data-testid="centre-waiting">
        {waiting === null ? t('packets.unknown') : t('packets.waitingCount', { count: waiting })}
      </dd>
    </dl>
  );
}
