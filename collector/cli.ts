#!/usr/bin/env node
/**
 * The command: `csat-survey-collector` (also `npx csat-survey-collector`). Configured by environment
 * variables (see the README); logs JSON lines on standard output.
 *
 *   csat-survey-collector              start the collector
 *   csat-survey-collector new-token    replace the stored admin token and print the new one
 *   csat-survey-collector --version    the collector's version and the element's it serves
 */
import { readFileSync } from 'node:fs';
import { ConfigError, readConfig } from './config.js';
import { openDatabase } from './db.js';
import { replaceAdminToken } from './admin-token.js';
import { startCollector } from './main.js';
import { loadWidget } from './widget.js';

const HELP = `Usage: csat-survey-collector [command]

Commands:
  (none)      start the collector (PORT, HOST, DATABASE_URL, CSAT_DATA_DIR, CSAT_ALLOWED_ORIGINS, ...)
  new-token   replace the admin token stored in the database and print the new one
              (stop the collector first when it uses the embedded database)
  --version   print the collector's version and the version of the element's script it serves
  --help      this text

Every setting is an environment variable; the README of csat-survey-collector lists them.`;

const command = process.argv[2];

async function main(): Promise<number> {
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    const own = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const widget = await loadWidget();
    console.log(`csat-survey-collector ${own.version}, csat-survey ${widget.ok ? widget.widget.version : '(missing)'}`);
    return 0;
  }
  const config = readConfig();
  if (command === 'new-token') {
    if (config.adminToken) {
      console.error('CSAT_ADMIN_TOKEN is set, so the stored token is not used: change CSAT_ADMIN_TOKEN instead.');
      return 1;
    }
    const db = await openDatabase(config);
    try {
      console.log(await replaceAdminToken(db));
    } finally {
      await db.close();
    }
    console.error('The new admin token is stored; running collectors on a PostgreSQL server use it after a restart.');
    return 0;
  }
  if (command !== undefined) {
    console.error(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }

  const collector = await startCollector(config);
  const log = collector.app.log;
  // The handlers come before the messages: whoever acts on a printed URL may stop us at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing the requests in flight');
    collector.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: Error) => {
        log.error({ err: error }, 'the collector did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  log.info(
    {
      url: collector.url,
      database: collector.db.kind,
      ...(collector.db.kind === 'embedded' && { dataDir: config.dataDir }),
      dashboard: `${collector.url}/dashboard/`,
    },
    'collector started',
  );
  if (collector.adminTokenSource === 'made') {
    // Printed once, by the process that made it; every collector on this database uses it.
    log.warn(
      { adminToken: collector.adminToken, dashboard: `${collector.url}/dashboard/#token=${collector.adminToken}` },
      'admin token made and stored in the database; it is shown this once (set CSAT_ADMIN_TOKEN to use your own, or run "csat-survey-collector new-token" to replace it)',
    );
  }
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: Error) => {
    const reason = error instanceof ConfigError ? error.message : error.message || String(error);
    console.error(`The collector could not start: ${reason}`);
    process.exit(1);
  },
);
