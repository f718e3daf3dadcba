/**
 * The origins whose pages may send answers: CSAT_ALLOWED_ORIGINS, plus those stored in the database
 * (table allowed_origins), which every collector on that database shares and which the admin API
 * lists and changes (GET, POST /v1/origins; DELETE /v1/origins/:origin). Each process re-reads the
 * stored ones every few seconds, so an origin added through one collector is accepted by all.
 */
import { originProblem } from './config.js';
import type { Db } from './db.js';

export interface OriginEntry {
  origin: string;
  source: 'environment' | 'database';
  addedAt?: string;
  note?: string;
}

const REFRESH_MS = 5000;

export class Origins {
  private readonly fixed: Set<string>;
  private stored = new Set<string>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    environment: string[],
    private readonly now: () => number = Date.now,
  ) {
    this.fixed = new Set(environment);
  }

  /** Reads the stored origins now (at start, and after a change through this process). */
  async refresh(): Promise<void> {
    const rows = await this.db.query<{ origin: string }>('SELECT origin FROM allowed_origins');
    this.stored = new Set(rows.map((r) => r.origin));
    this.loadedAt = this.now();
  }

  /** Whether pages of `origin` may send answers. Stored origins are at most a few seconds old. */
  async allows(origin: string): Promise<boolean> {
    if (this.fixed.has(origin)) return true;
    if (this.now() - this.loadedAt > REFRESH_MS) {
      // One refresh at a time; a failed one keeps the last list (and is tried again next time).
      this.loading ??= this.refresh()
        .catch(() => undefined)
        .finally(() => (this.loading = undefined));
      await this.loading;
    }
    return this.stored.has(origin);
  }

  async list(): Promise<OriginEntry[]> {
    const rows = await this.db.query<{ origin: string; added_at: Date | string; note: string | null }>(
      'SELECT origin, added_at, note FROM allowed_origins ORDER BY origin',
    );
    const entries: OriginEntry[] = [...this.fixed].sort().map((origin) => ({ origin, source: 'environment' }));
    for (const r of rows) {
      if (this.fixed.has(r.origin)) continue;
      const at = new Date(r.added_at);
      entries.push({
        origin: r.origin,
        source: 'database',
        ...(!Number.isNaN(at.getTime()) && { addedAt: at.toISOString() }),
        ...(r.note !== null && { note: r.note }),
      });
    }
    return entries;
  }

  /** Stores an origin; answers what was wrong with it, or whether it was new. */
  async add(origin: unknown, note?: unknown): Promise<{ ok: true; added: boolean } | { ok: false; error: string }> {
    if (typeof origin !== 'string')
      return { ok: false, error: 'origin: expected a string such as https://shop.example.com' };
    const problem = originProblem(origin);
    if (problem) return { ok: false, error: `origin "${origin.slice(0, 200)}": ${problem}` };
    if (note !== undefined && (typeof note !== 'string' || note.length > 200 || note.includes('\u0000')))
      return { ok: false, error: 'note: expected text of at most 200 characters' };
    const rows = await this.db.query(
      'INSERT INTO allowed_origins (origin, note) VALUES ($1, $2) ON CONFLICT (origin) DO NOTHING RETURNING origin',
      [origin, note ?? null],
    );
    await this.refresh();
    return { ok: true, added: rows.length > 0 };
  }

  /** Removes a stored origin (those of CSAT_ALLOWED_ORIGINS stay: they are the environment's). */
  async remove(origin: string): Promise<'removed' | 'environment' | 'unknown'> {
    if (this.fixed.has(origin)) return 'environment';
    const rows = await this.db.query('DELETE FROM allowed_origins WHERE origin = $1 RETURNING origin', [origin]);
    await this.refresh();
    return rows.length ? 'removed' : 'unknown';
  }
}
