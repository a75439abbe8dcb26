import { resolve } from 'node:path';

/** The server's settings, from the environment (docs/API.md, "Settings"). */
export interface DistrictConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): DistrictConfig {
  const port = Number(env.PORT ?? 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DISTRICT_DATA_DIR || '.district-data'),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  };
}
