import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceInfo } from '../../server/district/types';
import { api } from '../api';
import { dateTime, errorText, relativeTime } from '../format';
import { SortHeader, useSorted } from '../table';
import { ReturnPacketButton } from './Packets';
import { Dialog } from '../../shared/ui/Dialog';

type Column = 'name' | 'centre' | 'enrolled' | 'lastSeen' | 'lastPacket' | 'waiting' | 'status';

function sortValue(d: DeviceInfo, key: Column): string | number | null {
  switch (key) {
    case 'name':
      return d.name;
    case 'centre':
      return d.centreName;
    case 'enrolled':
      return Date.parse(d.createdAt);
    case 'lastSeen':
      return d.lastSeenAt ? Date.parse(d.lastSeenAt) : null;
    case 'lastPacket':
      return d.lastPacketAt ? Date.parse(d.lastPacketAt) : null;
    case 'waiting':
      return d.packetPending;
    case 'status':
      return d.revokedAt ? 1 : 0;
  }
}

/** Devices with their actions: admins rename inline and revoke with a reason; viewers only look. */
export function DeviceTable({
  devices,
  showCentre,
  isAdmin,
  onChanged,
}: {
  devices: DeviceInfo[];
  showCentre: boolean;
  isAdmin: boolean;
  onChanged: (device: DeviceInfo) => void;
}) {
  const { t } = useTranslation();
  const value = useCallback(sortValue, []);
  const { sorted, sort, toggle } = useSorted<DeviceInfo, Column>(devices, value, {
    key: showCentre ? 'centre' : 'name',
    dir: 'ascending',
  });
  const [renaming, setRenaming] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<DeviceInfo | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const columns: Column[] = showCentre
    ? ['name', 'centre', 'enrolled', 'lastSeen', 'lastPacket', 'waiting', 'status']
    : ['name', 'enrolled', 'lastSeen', 'lastPacket', 'waiting', 'status'];

  if (devices.length === 0) return <p>{t('devices.none')}</p>;
  return (
    <>
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      <div className="table-wrap">
        <table className="grid">
          <thead>
            <tr>
              {columns.map((c) => (
                <SortHeader
                  key={c}
                  id={c}
                  label={t(`devices.col.${c}`)}
                  sort={sort}
                  onSort={toggle}
                />
              ))}
              {isAdmin && <th scope="col">{t('devices.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {sorted.map((d) => (
              <tr key={d.id} className={d.revokedAt ? 'revoked' : undefined} data-device={d.name}>
                <th scope="row">
                  {renaming === d.id ? (
                    <RenameForm
                      device={d}
                      onDone={(renamed) => {
                        setRenaming(null);
                        if (renamed) {
                          onChanged(renamed);
                          setMessage(t('devices.renamed', { name: renamed.name }));
                        }
                      }}
                    />
                  ) : (
                    d.name
                  )}
                </th>
                {showCentre && (
                  <td>
                    <a href={`#/centre/${encodeURIComponent(d.centreId)}`}>{d.centreName}</a>
                  </td>
                )}
                <td>{dateTime(d.createdAt)}</td>
                <td title={dateTime(d.lastSeenAt)}>{relativeTime(d.lastSeenAt)}</td>
                <td title={dateTime(d.lastPacketAt)}>{relativeTime(d.lastPacketAt)}</td>
                <td>{d.packetPending ?? '—'}</td>
                <td>
                  {d.revokedAt ? (
                    <span className="badge bad">
                      {t('devices.revoked', { reason: d.revokedReason ?? '' })}
                    </span>
                  ) : (
                    <span className="badge good">{t('devices.active')}</span>
                  )}
                </td>
                {isAdmin && (
                  <td className="actions">
                    {!d.revokedAt && renaming !== d.id && (
                      <>
                        <button type="button" onClick={() => setRenaming(d.id)}>
                          {t('devices.rename')}
                        </button>
                        <button type="button" className="danger" onClick={() => setRevoking(d)}>
                          {t('devices.revoke')}
                        </button>
                        <ReturnPacketButton device={d} />
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {revoking && (
        <RevokeDialog
          device={revoking}
          onClose={(revoked) => {
            setRevoking(null);
            if (revoked) {
              onChanged(revoked);
              setMessage(t('devices.revokedDone', { name: revoked.name }));
            }
          }}
        />
      )}
    </>
  );
}

function RenameForm({
  device,
  onDone,
}: {
  device: DeviceInfo;
  onDone: (renamed: DeviceInfo | null) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(device.name);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || name.trim().length > 100) {
      setError(t('devices.nameRequired'));
      return;
    }
    try {
      onDone(await api<DeviceInfo>('PATCH', `/devices/${encodeURIComponent(device.id)}`, { name }));
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="inline" onSubmit={(e) => void submit(e)}>
      <input
        aria-label={t('devices.renameLabel', { name: device.name })}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone(null)}
        aria-invalid={error ? true : undefined}
        autoFocus
      />
      <button type="submit" className="primary">
        {t('devices.save')}
      </button>
      <button type="button" onClick={() => onDone(null)}>
        {t('devices.cancel')}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

function RevokeDialog({
  device,
  onClose,
}: {
  device: DeviceInfo;
  onClose: (revoked: DeviceInfo | null) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim() || reason.trim().length > 500) {
      setError(t('devices.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      onClose(
        await api<DeviceInfo>('POST', `/devices/${encodeURIComponent(device.id)}/revoke`, {
          reason: reason.trim(),
        }),
      );
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <Dialog
      closeLabel={t('app.close')}
      title={t('devices.revokeHeading')}
      onClose={() => onClose(null)}
    >
      <form onSubmit={(e) => void submit(e)} className="stack">
        <p className="warn-text">
          {t('devices.revokeConfirm', { name: device.name, centre: device.centreName })}
        </p>
        <label>
          {t('devices.reason')}
          <textarea
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            autoFocus
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="buttons">
          <button type="submit" className="danger primary" disabled={busy}>
            {t('devices.revokeButton', { name: device.name })}
          </button>
          <button type="button" onClick={() => onClose(null)}>
            {t('devices.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
