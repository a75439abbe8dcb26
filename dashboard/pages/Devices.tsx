import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceInfo, DeviceListResponse } from '../../server/district/types';
import { api } from '../api';
import { errorText } from '../format';
import { DeviceTable } from './DeviceTable';
import { PacketUpload } from './Packets';

type Show = 'active' | 'revoked' | 'all';

/** Hooks the device list of one centre or all, kept up to date after a rename or revoke. */
export function useDevices(centreId?: string) {
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    const q = centreId ? `?centre=${encodeURIComponent(centreId)}` : '';
    api<DeviceListResponse>('GET', `/devices${q}`).then(
      (r) => setDevices(r.devices),
      (err: unknown) => setError(errorText(err)),
    );
  }, [centreId, reload]);
  const changed = (device: DeviceInfo) =>
    setDevices((list) => list?.map((d) => (d.id === device.id ? device : d)) ?? null);
  return { devices, error, changed, refresh: () => setReload((n) => n + 1) };
}

export function DevicesPage({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const { devices, error, changed, refresh } = useDevices();
  const [centre, setCentre] = useState('');
  const [show, setShow] = useState<Show>('active');
  const centres = useMemo(() => {
    const names = new Map<string, string>();
    for (const d of devices ?? []) names.set(d.centreId, d.centreName);
    return [...names].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
  }, [devices]);
  const shown = useMemo(
    () =>
      (devices ?? []).filter(
        (d) =>
          (!centre || d.centreId === centre) &&
          (show === 'all' || (show === 'revoked') === Boolean(d.revokedAt)),
      ),
    [devices, centre, show],
  );

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!devices) return <p className="loading">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="devices-heading">
      <h2 id="devices-heading">{t('devices.heading')}</h2>
      <div className="toolbar">
        <label>
          {t('devices.centre')}
          <select value={centre} onChange={(e) => setCentre(e.target.value)}>
            <option value="">{t('devices.allCentres')}</option>
            {centres.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('devices.show')}
          <select value={show} onChange={(e) => setShow(e.target.value as Show)}>
            <option value="active">{t('devices.showActive')}</option>
            <option value="revoked">{t('devices.showRevoked')}</option>
            <option value="all">{t('devices.showAll')}</option>
          </select>
        </label>
        <span role="status">{t('devices.count', { count: shown.length })}</span>
      </div>
      <DeviceTable devices={shown} showCentre isAdmin={isAdmin} onChanged={changed} />
      {isAdmin && <PacketUpload onImported={refresh} />}
    </section>
  );
}
