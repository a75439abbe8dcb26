import { createContext, useContext } from 'react';
import type { Desk } from '../../data/desk';
import type { Platform } from '../../platform';
import type { SyncController } from '../../sync/controller';

export interface DeskServices {
  desk: Desk;
  platform: Platform;
  sync: SyncController;
}

export const DeskContext = createContext<DeskServices | null>(null);

export function useDesk(): DeskServices {
  const services = useContext(DeskContext);
  if (!services) throw new Error('useDesk outside DeskContext');
  return services;
}
