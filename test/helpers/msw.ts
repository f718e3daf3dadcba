// One msw worker for the whole browser run; each test file starts it and records what the
// endpoint received. The worker also sees the runner's own module requests: those pass through.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import type { Batch, DisplayBatch } from '../../src/wire.js';

export const ENDPOINT = '/api/responses';

/** Every batch the fake endpoint received, parsed, in arrival order. */
export const received: Batch[] = [];
/** The raw requests, for header and option checks. */
export const requests: Request[] = [];

export const accept = http.post(ENDPOINT, async ({ request }) => {
  requests.push(request.clone());
  received.push((await request.json()) as Batch);
  return new HttpResponse(null, { status: 204 });
});

/**
 * Every request of displays (a body with `displays` and no `responses`) to any fake endpoint under
 * /api/, in arrival order: they never reach `received`, `requests` or a test's own handlers, so
 * tests about answers see only answers. `answerDisplays` decides what they get (204 by default).
 */
export const displayRequests: Array<{ batch: DisplayBatch; request: Request; path: string; at: number }> = [];

type DisplaysAnswer = (batch: DisplayBatch, request: Request) => number | Response | Promise<number | Response>;
let displaysAnswer: DisplaysAnswer = () => 204;

/** Sets what the fake endpoints answer to displays, until the next resetEndpoint(). */
export function answerDisplays(answer: DisplaysAnswer): void {
  displaysAnswer = answer;
}

/** The ids of every display received, in order (resends included). */
export const displayIds = () => displayRequests.flatMap((r) => r.batch.displays.map((d) => d.id));

const displaysHandler = http.post(/\/api\//, async ({ request }) => {
  let body: { displays?: unknown; responses?: unknown } | undefined;
  try {
    body = (await request.clone().json()) as typeof body;
  } catch {
    return undefined;
  }
  if (!body || typeof body !== 'object' || !('displays' in body) || 'responses' in body) return undefined;
  const batch = body as DisplayBatch;
  displayRequests.push({ batch, request: request.clone(), path: new URL(request.url).pathname, at: Date.now() });
  const answer = await displaysAnswer(batch, request);
  return typeof answer === 'number' ? new HttpResponse(null, { status: answer }) : answer;
});

export const worker = setupWorker(displaysHandler, accept);

let started: Promise<unknown> | undefined;

/**
 * Every test file runs in a page of its own, in one browser profile: a service worker left
 * registered by one file would be found by the next, and msw then asks the browser to update it
 * without waiting for the answer, which fails outside any test. Each file leaves none behind.
 */
after(async () => {
  if (!started) return;
  worker.stop();
  for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
});

export function startWorker(): Promise<unknown> {
  started ??= worker.start({
    quiet: true,
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).pathname.startsWith('/api/')) print.error();
    },
  });
  return started;
}

export function resetEndpoint(...handlers: RequestHandler[]): void {
  received.length = 0;
  requests.length = 0;
  displayRequests.length = 0;
  displaysAnswer = () => 204;
  worker.resetHandlers(displaysHandler, ...handlers);
}

export { http, HttpResponse };
