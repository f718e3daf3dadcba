// Start-up: migrations applied once however often the collector starts, clear errors for a data
// folder that cannot be written, an unreachable DATABASE_URL, a busy port and bad environment values.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ConfigError,
  MIGRATIONS,
  backends,
  countRows,
  migrate,
  post,
  readConfig,
  response,
  startTestCollector,
  testEnv,
} from './helpers.mjs';

const MAIN = new URL('../../collector/dist/collector/cli.js', import.meta.url).pathname;

/** Runs the collector's command; resolves when it exits or `until` matches its output. */
function runMain(env, until) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the command did not finish in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 60_000);
    let stopped = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (until && !stopped && until.test(stdout)) {
        stopped = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

for (const backend of backends()) {
  const { after, before, it } = backend.test;
  describe(`start-up and migrations (${backend.name})`, () => {
    let store;
    const scratch = [];
    before(async () => {
      store = await backend.createStore();
    });
    after(async () => {
      await store?.cleanup();
      for (const dir of scratch) await rm(dir, { recursive: true, force: true });
    });
    const scratchDir = async () => {
      const dir = await mkdtemp(join(tmpdir(), 'csat-collector-scratch-'));
      scratch.push(dir);
      return dir;
    };

    it('applies each migration once: a restart on the same data is harmless and keeps the data', async () => {
      const first = await startTestCollector(store);
      assert.equal((await post(first.url, [response(1)])).status, 200);
      await first.close();

      const second = await startTestCollector(store);
      try {
        const applied = await second.db.query('SELECT version FROM csat_migrations ORDER BY version');
        assert.deepEqual(
          applied.map((r) => r.version),
          MIGRATIONS.map((_, i) => i + 1),
        );
        assert.equal(await countRows(second.db), 1, 'the data survived the restart');
        // Migrating an up-to-date database again changes nothing.
        await migrate(second.db);
        await migrate(second.db);
        const [{ n }] = await second.db.query('SELECT count(*) AS n FROM csat_migrations');
        assert.equal(Number(n), MIGRATIONS.length);
        assert.equal((await post(second.url, [response(2)])).status, 200);
        assert.equal(await countRows(second.db), 2);
      } finally {
        await second.close();
      }
    });

    if (backend.kind === 'postgresql') {
      it('two collectors starting at once on one fresh database apply each migration once', async () => {
        const fresh = await backend.createStore();
        try {
          const [a, b] = await Promise.all([startTestCollector(fresh), startTestCollector(fresh)]);
          try {
            const applied = await a.db.query('SELECT version FROM csat_migrations ORDER BY version');
            assert.deepEqual(
              applied.map((r) => r.version),
              MIGRATIONS.map((_, i) => i + 1),
            );
            assert.equal((await post(a.url, [response(1)])).status, 200);
            assert.equal((await post(b.url, [response(1, { revision: 2 })])).status, 200);
            const [row] = await b.db.query('SELECT revision FROM responses');
            assert.equal(row.revision, 2, 'both collectors share one table');
          } finally {
            await a.close();
            await b.close();
          }
        } finally {
          await fresh.cleanup();
        }
      });

      it('survives PostgreSQL dropping its connections (a restart, an administrator)', async () => {
        const logged = [];
        const logStream = new Writable({
          write(chunk, _encoding, done) {
            logged.push(chunk.toString());
            done();
          },
        });
        const collector = await startTestCollector(store, { CSAT_LOG_LEVEL: 'error' }, { logStream });
        try {
          assert.equal((await post(collector.url, [response(3)])).status, 200);
          const rowsBefore = await countRows(collector.db);
          const { default: pg } = await import('pg');
          const adminClient = new pg.Client({ connectionString: process.env.CSAT_TEST_DATABASE_URL });
          await adminClient.connect();
          try {
            const killed = await adminClient.query(
              'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
              [store.databaseName],
            );
            assert.ok(killed.rows.length > 0, 'the collector had connections to drop');
            await new Promise((r) => setTimeout(r, 300));
          } finally {
            await adminClient.end();
          }
          const lost = logged.map((line) => JSON.parse(line)).find((l) => /database connection was lost/.test(l.msg));
          assert.ok(lost, `the lost connection is logged: ${logged.join('')}`);
          assert.equal(lost.level, 50, 'as an error');
          // The process is still here, and the next requests get new connections.
          assert.equal((await post(collector.url, [response(4)])).status, 200);
          assert.equal(await countRows(collector.db), rowsBefore + 1);
        } finally {
          await collector.close();
        }
      });
    }

    it(
      backend.kind === 'embedded'
        ? 'an unwritable CSAT_DATA_DIR stops the start with a clear error'
        : 'with DATABASE_URL, CSAT_DATA_DIR is not used (even when unwritable)',
      async () => {
        const dir = await scratchDir();
        const file = join(dir, 'a-file');
        await writeFile(file, 'not a folder');
        const unwritable = [join(file, 'data'), file];
        if (process.getuid?.() !== 0) {
          // (root may write anywhere, so a read-only folder only counts for other users)
          const readOnly = join(dir, 'read-only');
          await mkdir(readOnly);
          await chmod(readOnly, 0o500);
          unwritable.push(join(readOnly, 'data'));
        }
        for (const dataDir of unwritable) {
          const start = startTestCollector(store, { CSAT_DATA_DIR: dataDir });
          if (backend.kind === 'embedded') {
            await assert.rejects(start, (error) => {
              assert.match(error.message, /data folder .* cannot be written/);
              assert.ok(error.message.includes(resolve(dataDir)), 'names the folder');
              assert.match(error.message, /CSAT_DATA_DIR/);
              assert.match(error.message, /DATABASE_URL/);
              return true;
            });
          } else {
            const collector = await start;
            await collector.close();
          }
        }
      },
    );

    it('an unreachable DATABASE_URL stops the start with a clear error, password left out', async () => {
      await assert.rejects(
        startTestCollector(store, { DATABASE_URL: 'postgres://someone:s3cret-pw@127.0.0.1:1/csat' }),
        (error) => {
          assert.match(error.message, /PostgreSQL server in DATABASE_URL \(127\.0\.0\.1:1\/csat\) cannot be used/);
          assert.doesNotMatch(error.message, /s3cret-pw/);
          return true;
        },
      );
    });

    it('a busy port gives "Port … is in use", and the database is released', async () => {
      const blocker = createServer();
      await new Promise((r) => blocker.listen(0, '127.0.0.1', r));
      const { port } = blocker.address();
      try {
        await assert.rejects(startTestCollector(store, { PORT: String(port) }), (error) => {
          assert.equal(error.message, `Port ${port} is in use: stop what runs there, or set PORT to another port.`);
          return true;
        });
      } finally {
        await new Promise((r) => blocker.close(r));
      }
      // The failed start closed its database: the same data opens again at once.
      const collector = await startTestCollector(store);
      assert.equal((await post(collector.url, [response(9)])).status, 200);
      await collector.close();
    });

    it('bad environment values give messages naming the variable', () => {
      const cases = [
        [{ PORT: 'abc' }, /^PORT = "abc": expected a whole number from 0 to 65535\.$/],
        [{ PORT: '70000' }, /^PORT = "70000"/],
        [{ PORT: '-1' }, /^PORT = "-1"/],
        [{ PORT: '80.5' }, /^PORT = "80\.5"/],
        [{ CSAT_RATE_LIMIT: '0' }, /^CSAT_RATE_LIMIT = "0": expected a whole number from 1/],
        [{ CSAT_RATE_LIMIT: 'many' }, /^CSAT_RATE_LIMIT = "many"/],
        [{ CSAT_ALLOWED_ORIGINS: 'not-a-url' }, /^CSAT_ALLOWED_ORIGINS has "not-a-url": expected origins/],
        [{ CSAT_ALLOWED_ORIGINS: 'https://shop.example/' }, /^CSAT_ALLOWED_ORIGINS has "https:\/\/shop\.example\/"/],
        [{ CSAT_ALLOWED_ORIGINS: 'https://shop.example/path' }, /CSAT_ALLOWED_ORIGINS/],
        [{ CSAT_ALLOWED_ORIGINS: 'https://ok.example, shop.example' }, /CSAT_ALLOWED_ORIGINS has "shop\.example"/],
        [{ CSAT_ADMIN_TOKEN: 'short' }, /^CSAT_ADMIN_TOKEN is too short \(5 characters\): use at least 32/],
        [{ CSAT_ADMIN_TOKEN: 'x'.repeat(31) }, /^CSAT_ADMIN_TOKEN is too short \(31 characters\)/],
        [{ CSAT_ADMIN_TOKEN: 'a'.repeat(20) + ' ' + 'b'.repeat(20) }, /CSAT_ADMIN_TOKEN contains a space/],
        [{ CSAT_TRUST_PROXY: 'true' }, /^CSAT_TRUST_PROXY = "true": expected the number of reverse proxies/],
        [{ CSAT_TRUST_PROXY: '11' }, /^CSAT_TRUST_PROXY = "11"/],
        [{ CSAT_TRUST_PROXY: '10.0.0.0/33' }, /CSAT_TRUST_PROXY/],
        [{ CSAT_TRUST_PROXY: '127.0.0.1, proxy.example' }, /CSAT_TRUST_PROXY/],
        [{ CSAT_MAX_CONNECTIONS: '0' }, /^CSAT_MAX_CONNECTIONS = "0": expected a whole number from 1/],
        [{ CSAT_HEADERS_TIMEOUT_MS: '50' }, /^CSAT_HEADERS_TIMEOUT_MS = "50"/],
        [
          { CSAT_HEADERS_TIMEOUT_MS: '20000', CSAT_REQUEST_TIMEOUT_MS: '10000' },
          /CSAT_HEADERS_TIMEOUT_MS \(20000\) is longer than CSAT_REQUEST_TIMEOUT_MS/,
        ],
        [{ CSAT_LOG_LEVEL: 'loud' }, /^CSAT_LOG_LEVEL = "loud": expected one of/],
      ];
      for (const [env, message] of cases) {
        assert.throws(
          () => readConfig(testEnv(store, env)),
          (error) => {
            assert.ok(error instanceof ConfigError, `${JSON.stringify(env)} gives a ConfigError`);
            assert.match(error.message, message);
            return true;
          },
          JSON.stringify(env),
        );
      }
    });

    it('good environment values and the defaults', () => {
      const config = readConfig(
        testEnv(store, { PORT: '9000', CSAT_ALLOWED_ORIGINS: ' https://a.example , http://localhost:5173 ' }),
      );
      assert.equal(config.port, 9000);
      assert.deepEqual(config.allowedOrigins, ['https://a.example', 'http://localhost:5173']);
      const defaults = readConfig({}, { origins: ['http://localhost:8080'] });
      assert.equal(defaults.port, 8787);
      assert.equal(defaults.host, '127.0.0.1');
      assert.equal(defaults.databaseUrl, undefined);
      assert.equal(defaults.dataDir, resolve('.data'));
      assert.equal(defaults.rateLimit, 120);
      assert.deepEqual(defaults.allowedOrigins, ['http://localhost:8080']);
      assert.equal(defaults.adminToken, undefined, 'no token set: the database keeps one');
      assert.equal(defaults.trustProxy, false, 'X-Forwarded-For is never trusted by default');
      assert.equal(defaults.authFailureLimit, 10);
      assert.equal(defaults.maxConnections, 1000);
      assert.equal(defaults.headersTimeout, 5000);
      assert.equal(defaults.requestTimeout, 10000);
      assert.equal(defaults.keepAliveTimeout, 5000);
      assert.equal(defaults.shutdownTimeout, 10000);
      assert.equal(defaults.logLevel, 'info');
      assert.equal(readConfig({ CSAT_ADMIN_TOKEN: 'x'.repeat(32) }).adminToken, 'x'.repeat(32));
      assert.equal(readConfig({ CSAT_TRUST_PROXY: '2' }).trustProxy, 2);
      assert.deepEqual(readConfig({ CSAT_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).trustProxy, [
        '127.0.0.1',
        '10.0.0.0/8',
        '::1',
        'loopback',
      ]);
      assert.equal(readConfig({ CSAT_TRUST_PROXY: 'false' }).trustProxy, false);
    });

    it('the command: a bad value exits 1 with the message; a good start logs its URL (JSON) and stops on SIGTERM', async () => {
      const bad = await runMain({ ...testEnv(store), PORT: 'abc' });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /The collector could not start: PORT = "abc"/);

      const good = await runMain({ ...testEnv(store), CSAT_LOG_LEVEL: 'info' }, /"collector started"/);
      const lines = good.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const started = lines.find((l) => l.msg === 'collector started');
      assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(started.database, backend.kind);
      assert.equal(good.code, 0, `exit ${good.code}, signal ${good.signal}: ${good.stderr}`);
      assert.ok(
        lines.some((l) => l.msg === 'stopped'),
        'it says it stopped',
      );
      assert.ok(!good.stdout.includes(testEnv(store).CSAT_ADMIN_TOKEN), 'a token that was set is never printed');
    });
  });
}
