/** `npm run district`: the district server. Settings come from the environment (config.ts). */
import { buildServer } from './app';
import { readConfig } from './config';
import { openDatabase } from './db/db';
import { migrate } from './db/migrate';
import { describeRetention, runRetention, scheduleRetention } from './retention';
import { checkServerKey, loadServerKey } from './serverKey';

async function main(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(db);
  const serverKey = loadServerKey({ secret: config.secret, dataDir: config.dataDir });
  await checkServerKey(db, serverKey);
  const app = await buildServer({
    db,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    dashboard: config.dashboard,
    dashboardDir: config.dashboardDir,
    publicUrl: config.publicUrl,
    serverKey,
    trustedProxies: config.trustedProxies,
  });
  app.log.info(`data: ${db.location}`);
  if (applied.length > 0) app.log.info(`applied migrations ${applied.join(', ')}`);

  // Retention: people who left long ago are erased and old logs purged (retention.ts), first a
  // minute after the start (not in the way of the desks reconnecting), then every interval.
  const { retention } = config;
  const stopRetention =
    retention.intervalHours > 0
      ? scheduleRetention({
          firstAfterMs: 60_000,
          intervalMs: retention.intervalHours * 3_600_000,
          job: async () => {
            try {
              const result = await runRetention(db, app.sync, retention);
              app.log.info(describeRetention(result, retention));
            } catch (err) {
              app.log.error({ err }, 'retention run failed; it runs again at the next interval');
            }
          },
        })
      : async () => undefined;
  if (retention.intervalHours === 0)
    app.log.warn('retention: DISTRICT_RETENTION_INTERVAL_HOURS is 0: run `retention run` yourself');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: shutting down`);
    try {
      await stopRetention();
      await app.close();
      await db.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    app.log.error({ err }, `cannot listen on ${config.host}:${config.port}`);
    await app.close();
    await db.close();
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(
    `district server failed to start: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
