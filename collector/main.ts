/**
 * Starts the collector: reads the configuration, opens the database (embedded, locked to this
 * process, or PostgreSQL), applies the migrations, settles the admin token and listens. Used by the
 * command (cli.ts), by `npm start` (with the demo) and by the tests.
 */
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { adminToken, type AdminToken } from './admin-token.js';
import { readConfig, type CollectorConfig } from './config.js';
import { openDatabase, type Db } from './db.js';
import { Origins } from './origins.js';
import { createCollectorApp } from './server.js';
import { loadWidget } from './widget.js';
import { startAlerts } from './alert-start.js';
import type { AlertWorker } from './alert-worker.js';

export { readConfig };

export interface RunningCollector {
  url: string;
  config: CollectorConfig;
  db: Db;
  /** The admin token in force, and whether it was set, made by this start (print it once) or stored. */
  adminToken: string;
  adminTokenSource: AdminToken['source'];
  origins: Origins;
  app: FastifyInstance;
  /** This process's alert worker (sending only when config.alerts.worker). */
  alerts: AlertWorker;
  /** Stops taking requests, lets those in flight finish (at most shutdownTimeout ms), closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where the JSON logs go (default: standard output). */
  logStream?: Writable;
}

/** The dashboard's built files, beside the build in the package: dist/collector/main.js → dist/dashboard/. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../dashboard', import.meta.url));

/** Starts one more HTTP server on a running collector's database (other settings allowed): tests use it. */
export async function startServer(
  parts: Pick<RunningCollector, 'config' | 'db' | 'adminToken' | 'origins'> & { alerts?: AlertWorker },
  options: StartOptions = {},
): Promise<{ url: string; app: FastifyInstance; close(): Promise<void> }> {
  const app = await createCollectorApp({
    ...parts,
    dashboardDir: DASHBOARD_DIR,
    widget: await loadWidget(),
    ...(options.logStream && { logStream: options.logStream }),
  });
  try {
    await app.listen({ port: parts.config.port, host: parts.config.host });
  } catch (error) {
    await app.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${parts.config.port} is in use: stop what runs there, or set PORT to another port.`, {
        cause: error,
      });
    }
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = parts.config.host.includes(':') ? `[${parts.config.host}]` : parts.config.host;
  return {
    url: `http://${host}:${port}`,
    app,
    close: () => closeApp(app, parts.config.shutdownTimeout),
  };
}

/** Fastify's close waits for requests in flight; past `deadline` ms, the connections still open are cut. */
async function closeApp(app: FastifyInstance, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      app.log.warn(`requests still in flight after ${deadline} ms are cut`);
      app.server.closeAllConnections();
      resolve();
    }, deadline);
  });
  try {
    await Promise.race([app.close(), cut]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startCollector(config: CollectorConfig, options: StartOptions = {}): Promise<RunningCollector> {
  // The database reports lost connections through the same logs as the rest (set once the app is up).
  let log: { error(message: string): void } = { error: (message) => console.error(`collector: ${message}`) };
  const db = await openDatabase(config, { error: (message) => log.error(message) });
  let server: Awaited<ReturnType<typeof startServer>>;
  let token: AdminToken;
  let origins: Origins;
  let alerts: Awaited<ReturnType<typeof startAlerts>>;
  let publicUrl = config.alerts.publicUrl ?? '';
  try {
    token = await adminToken(db, config);
    origins = new Origins(db, config.allowedOrigins);
    await origins.refresh();
    alerts = await startAlerts(db, config.alerts, {
      publicUrl: () => publicUrl,
      log: { info: (m) => log.error(m), warn: (m) => log.error(m), error: (m) => log.error(m) },
    });
    server = await startServer({ config, db, adminToken: token.token, origins, alerts: alerts.worker }, options);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const appLog = server.app.log;
  log = { error: (message) => appLog.error(message) };
  alerts.setLog({
    info: (message) => appLog.info(message),
    warn: (message) => appLog.warn(message),
    error: (message) => appLog.error(message),
  });
  publicUrl ||= server.url;
  if (config.alerts.worker) alerts.worker.start();
  return {
    url: server.url,
    config,
    db,
    adminToken: token.token,
    adminTokenSource: token.source,
    origins,
    app: server.app,
    alerts: alerts.worker,
    close: async () => {
      try {
        await server.close();
        await alerts.worker.stop();
        alerts.close();
      } finally {
        await db.close();
      }
    },
  };
}
