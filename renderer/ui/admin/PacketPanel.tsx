import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PacketError } from '../../../shared/packets';
import { localDateTime } from '../../../shared/time';
import type { PacketInfo } from '../../sync/packets';
import { useDesk } from '../app/DeskContext';
import { downloadBlob } from '../kit/download';
import { FileButton } from '../kit/FileButton';
import { useObservable } from '../kit/hooks';

/**
 * Sync packets (docs/DESIGN.md, "Sync packets"), for the manager: write this desk's waiting
 * changes into a file for a USB stick (a download: in the desk's window the shell asks where to
 * save it), and import the district's return packet.
 */
export function PacketPanel() {
  const { t } = useTranslation();
  const { sync } = useDesk();
  const status = useObservable(sync.status$, sync.status$.value);
  const [info, setInfo] = useState<PacketInfo | null>(null);
  const [busy, setBusy] = useState<'write' | 'import' | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const refresh = () => void sync.packetInfo().then(setInfo);
  useEffect(refresh, [sync]);

  const failed = (e: unknown) =>
    setMessage({
      ok: false,
      text: e instanceof PacketError ? t(`packet.error.${e.code}`) : (e as Error).message,
    });

  const write = async () => {
    setBusy('write');
    setMessage(null);
    try {
      const packet = await sync.writePacket();
      downloadBlob(new Blob([packet.text], { type: 'application/octet-stream' }), packet.fileName);
      setMessage({
        ok: true,
        text: t('packet.written', {
          sequence: packet.sequence,
          count: packet.documents,
          file: packet.fileName,
        }),
      });
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
      refresh();
    }
  };

  const importFile = async (file: File) => {
    setBusy('import');
    setMessage(null);
    try {
      const done = await sync.importReturnPacket(await file.text());
      setMessage({
        ok: true,
        text: t('packet.imported', {
          sequence: done.sequence,
          applied: done.applied,
          skipped: done.skipped,
        }),
      });
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
      refresh();
    }
  };

  return (
    <section aria-labelledby="packet-title" className="panel packets">
      <h3 id="packet-title">{t('packet.title')}</h3>
      <p className="help">{t('packet.help')}</p>
      {info && !info.ready && (
        <p className="notice warn" role="note">
          {t('packet.notReady')}
        </p>
      )}
      <p data-testid="packet-waiting" data-pending={status.pending}>
        {t('packet.waiting', { count: status.pending })}
      </p>
      {info?.lastWrittenAt && (
        <p>{t('packet.lastWritten', { time: localDateTime(info.lastWrittenAt) })}</p>
      )}
      {info?.lastImportedAt && (
        <p>{t('packet.lastImported', { time: localDateTime(info.lastImportedAt) })}</p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void write()} disabled={busy !== null || !info?.ready}>
          {busy === 'write' ? t('packet.writing') : t('packet.write')}
        </button>
        <FileButton
          label={busy === 'import' ? t('packet.importing') : t('packet.importLabel')}
          accept=".cocarepkt"
          disabled={busy !== null || !info?.ready}
          onFile={(file) => void importFile(file)}
        />
      </div>
      {message && (
        <p
          className={`notice ${message.ok ? 'ok' : 'error'}`}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
