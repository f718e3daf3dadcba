/**
 * Starts the collector: reads the configuration, opens the database (embedded or PostgreSQL),
 * applies the migrations and listens. Used by `npm start` (with the demo) and on its own with
 * `node dist/collector/collector/main.js`.
 */
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { readConfig, type CollectorConfig } from './config.js';
import { openDatabase, type Db } from './db.js';
import { createCollectorServer } from './server.js';

export interface RunningCollector {
  url: string;
  config: CollectorConfig;
  db: Db;
  close(): Promise<void>;
}

const DASHBOARD_DIR = fileURLToPath(new URL('../../../collector/dashboard', import.meta.url));

export async function startCollector(config: CollectorConfig): Promise<RunningCollector> {
  const db = await openDatabase(config);
  const server = createCollectorServer({ config, db, dashboardDir: DASHBOARD_DIR });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await db.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${config.port} is in use: stop what runs there, or set PORT to another port.`, {
        cause: error,
      });
    }
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    config,
    db,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await db.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const collector = await startCollector(readConfig());
    // The handlers come before the URLs: whoever acts on the printed URL may stop us at once.
    const stop = () =>
      void collector.close().then(
        () => process.exit(0),
        (error: Error) => {
          console.error(`The collector did not close cleanly: ${error.message}`);
          process.exit(1);
        },
      );
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    console.log(`collector ${collector.url} (${collector.db.kind} database)`);
    console.log(`dashboard ${collector.url}/dashboard/#token=${collector.config.adminToken}`);
  } catch (error) {
    console.error(`The collector could not start: ${(error as Error).message}`);
    process.exit(1);
  }
}
