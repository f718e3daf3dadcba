// One msw worker for the whole browser run; each test file starts it and records what the
// endpoint received. The worker also sees the runner's own module requests: those pass through.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import type { Batch } from '../../src/wire.js';

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

export const worker = setupWorker(accept);

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
  worker.resetHandlers(...handlers);
}

export { http, HttpResponse };
