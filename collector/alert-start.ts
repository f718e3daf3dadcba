/**
 * Alerts at start: applies the alerts file (CSAT_ALERTS_FILE or CSAT_ALERTS) to the database, opens
 * the SMTP transport when CSAT_SMTP_URL is set (connections are made when mail is sent, never at
 * start: an unreachable SMTP server delays nothing), and makes this process's worker.
 */
import { readFile } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import type { Db } from './db.js';
import type { AlertConfig } from './alert-config.js';
import { applyAlertsFile } from './alert-store.js';
import { AlertWorker, type WorkerLog } from './alert-worker.js';
import type { MailTransport } from './alert-email.js';

export async function startAlerts(
  db: Db,
  config: AlertConfig,
  options: { publicUrl: () => string; log: WorkerLog },
): Promise<{ worker: AlertWorker; setLog(log: WorkerLog): void; close(): void }> {
  if (config.file) {
    let text: string;
    try {
      text = await readFile(config.file, 'utf8');
    } catch (error) {
      throw new Error(`CSAT_ALERTS_FILE = "${config.file}" cannot be read (${(error as Error).message}).`, {
        cause: error,
      });
    }
    await applyAlertsFile(db, text, `CSAT_ALERTS_FILE (${config.file})`, config.allowHttpLoopback);
  } else if (config.inline) await applyAlertsFile(db, config.inline, 'CSAT_ALERTS', config.allowHttpLoopback);

  const transport = config.smtpUrl
    ? nodemailer.createTransport({
        url: config.smtpUrl,
        connectionTimeout: config.timeoutMs,
        greetingTimeout: config.timeoutMs,
        socketTimeout: config.timeoutMs,
      })
    : undefined;
  let log = options.log;
  const worker = new AlertWorker({
    db,
    config,
    publicUrl: options.publicUrl,
    fetch: (url, init) => fetch(url, init),
    mail: transport as MailTransport | undefined,
    log: {
      info: (message) => log.info(message),
      warn: (message) => log.warn(message),
      error: (message) => log.error(message),
    },
  });
  return {
    worker,
    setLog: (next) => (log = next),
    close: () => transport?.close(),
  };
}
