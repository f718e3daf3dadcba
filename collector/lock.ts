/**
 * One data folder, one process: the embedded database is a set of files that only one process may
 * write. Two processes on one folder would each keep their own view of it, and what one of them
 * acknowledged would be lost when the other wrote over it. So the collector takes a lock on the
 * folder before it opens the database, and a second process refuses to start.
 *
 * The lock is a folder, `<data>/collector.lock/`, made with mkdir (atomic: of two processes, one
 * makes it), holding `owner.json` (PID, host, the process's start time). A lock whose process is
 * gone (killed with SIGKILL, a crash, a power cut) is stale: it is removed and taken again, under a
 * second lock (`collector.lock.recovery/`), so that of two processes that find the same stale lock,
 * only one removes it and the other then sees the new owner.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataFolderLocked extends Error {}

interface Owner {
  pid: number;
  host: string;
  /** The process's start time in clock ticks since boot (Linux), to tell a reused PID apart. */
  started?: string;
  at: string;
}

/** The start time of a process (field 22 of /proc/PID/stat), where the system has /proc. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function readOwner(dir: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `owner` still runs; undefined when this machine cannot tell. */
function alive(owner: Owner): boolean | undefined {
  if (owner.host !== hostname()) return undefined;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: a process of another user has that PID; it is alive.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(owner.pid);
  // The PID runs, but it is another process than the one that took the lock (PIDs are reused).
  if (owner.started && now && owner.started !== now) return false;
  return true;
}

function makeDir(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const ageMs = (path: string) => {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function lockedMessage(dataDir: string, owner: Owner | undefined, known: boolean | undefined): string {
  const who = owner
    ? `process ${owner.pid}${owner.host !== hostname() ? ` on host ${owner.host}` : ''} (since ${owner.at})`
    : 'another process (it is starting)';
  const remedy =
    known === undefined
      ? ` If that process no longer runs, remove ${join(dataDir, 'collector.lock')} by hand.`
      : ' Stop it first';
  return (
    `The data folder ${dataDir} is in use by ${who}: one embedded database serves one process.` +
    `${remedy}${known === undefined ? ' Or' : ', or'} give this collector another CSAT_DATA_DIR. ` +
    'To run several collectors on the same data, use a PostgreSQL server (DATABASE_URL).'
  );
}

/**
 * Takes the lock on `dataDir` (which must exist), or throws DataFolderLocked naming the folder and
 * the process that holds it. Resolves with a function that releases it.
 */
export async function lockDataFolder(dataDir: string): Promise<() => void> {
  const lock = join(dataDir, 'collector.lock');
  const recovery = join(dataDir, 'collector.lock.recovery');
  const me: Owner = { pid: process.pid, host: hostname(), at: new Date().toISOString() };
  const started = startTime(process.pid);
  if (started) me.started = started;

  for (let attempt = 0; attempt < 50; attempt++) {
    if (makeDir(lock)) {
      writeFileSync(join(lock, 'owner.json'), JSON.stringify(me));
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // Only our own lock is removed (a stale-lock recovery elsewhere never takes a live one).
        if (readOwner(lock)?.pid === me.pid) rmSync(lock, { recursive: true, force: true });
      };
      process.once('exit', release);
      return () => {
        process.removeListener('exit', release);
        release();
      };
    }
    const owner = readOwner(lock);
    if (!owner) {
      // The owner made the folder and is writing its name; a folder left empty for seconds is stale.
      if (ageMs(lock) < 5000) {
        await sleep(100);
        continue;
      }
    } else {
      const running = alive(owner);
      if (running !== false) throw new DataFolderLocked(lockedMessage(dataDir, owner, running));
    }
    // Stale: remove it under the recovery lock, then try again from the top.
    if (!makeDir(recovery)) {
      // Someone else is recovering; a recovery folder older than 10 s was left by a killed process.
      if (ageMs(recovery) > 10_000) rmSync(recovery, { recursive: true, force: true });
      await sleep(100);
      continue;
    }
    try {
      const again = readOwner(lock);
      // Still the same stale owner (or still no owner): nobody took it meanwhile.
      if (again?.pid === owner?.pid && (!again || alive(again) === false))
        rmSync(lock, { recursive: true, force: true });
    } finally {
      rmSync(recovery, { recursive: true, force: true });
    }
  }
  throw new DataFolderLocked(lockedMessage(dataDir, readOwner(lock), true));
}
