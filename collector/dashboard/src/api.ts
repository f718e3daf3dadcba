/**
 * The collector's API, with the admin token: the only way the dashboard gets data. Every request
 * names what it asks in the query string; errors come back as ApiError.
 */
import type { CommentPage, CommentQuery, Report, ReportQuery, SurveySummary } from './types.js';

export const TOKEN_KEY = 'csat-dashboard-token';

export class ApiError extends Error {
  constructor(
    readonly kind: 'network' | 'unauthorized' | 'http',
    readonly status = 0,
    readonly detail = '',
  ) {
    super(`${kind} ${status} ${detail}`.trim());
  }
}

/** The token: from `#token=…` (then removed from the address bar), else from this tab's storage. */
export function takeToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storeToken(fromHash);
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage may be blocked; the token then lives as long as the page.
  }
}

/** A query without the report's own keys (bucket, calendar), for comments and the export. */
function withoutReportKeys<T extends Partial<ReportQuery>>(query: T): Omit<T, 'bucket' | 'calendar'> {
  const rest: Partial<T> = { ...query };
  delete rest.bucket;
  delete rest.calendar;
  return rest as Omit<T, 'bucket' | 'calendar'>;
}

/** The query string of a report, comments or export request: only the values given. */
export function queryString(values: Partial<ReportQuery & CommentQuery & { cursor: string; limit: string }>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) q.set(key, String(value));
  const text = q.toString();
  return text ? `?${text}` : '';
}

export class Api {
  constructor(public token = '') {}

  async request(path: string, init: RequestInit & { as?: 'json' | 'blob' } = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(path, {
        ...init,
        cache: 'no-store',
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ApiError('network');
    }
    if (response.status === 401) throw new ApiError('unauthorized', 401);
    if (!response.ok) {
      let detail = '';
      try {
        detail = String(((await response.json()) as { error?: unknown }).error ?? '');
      } catch {
        // not JSON: the status says enough
      }
      throw new ApiError('http', response.status, detail.slice(0, 300));
    }
    if (response.status === 204) return {};
    return init.as === 'blob' ? response.blob() : response.json();
  }

  async surveys(): Promise<SurveySummary[]> {
    return ((await this.request('/v1/surveys')) as { surveys: SurveySummary[] }).surveys;
  }

  report(id: string, query: ReportQuery, signal?: AbortSignal): Promise<Report> {
    return this.request(`/v1/surveys/${encodeURIComponent(id)}/report${queryString(query)}`, {
      signal,
    }) as Promise<Report>;
  }

  comments(
    id: string,
    query: ReportQuery & CommentQuery & { cursor?: string },
    signal?: AbortSignal,
  ): Promise<CommentPage> {
    return this.request(`/v1/surveys/${encodeURIComponent(id)}/comments${queryString(withoutReportKeys(query))}`, {
      signal,
    }) as Promise<CommentPage>;
  }

  csv(id: string, query: Partial<ReportQuery & CommentQuery>): Promise<Blob> {
    return this.request(`/v1/surveys/${encodeURIComponent(id)}/responses.csv${queryString(withoutReportKeys(query))}`, {
      as: 'blob',
    }) as Promise<Blob>;
  }
}
