/**
 * Delivery: moves responses from the outbox to their endpoints. A response leaves the
 * outbox only after its endpoint answered 2xx (or 409, already known). One flush runs at a
 * time in a page; a flush asked for meanwhile runs right after it.
 */
import { pendingEntries, putEntry, removeDelivered, type OutboxEntry } from './outbox.js';
import { postBatch } from './transport.js';
import type { SurveyResponse } from './wire.js';

type DeliveredListener = (responses: SurveyResponse[]) => void;

const listeners = new Set<DeliveredListener>();
let running: Promise<void> | undefined;
let again = false;

/** Called with the responses an endpoint accepted. */
export function onDelivered(listener: DeliveredListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps a response durably; resolves when it is stored. */
export function record(entry: OutboxEntry): Promise<void> {
  return putEntry(entry);
}

/** Tries to deliver everything in the outbox now. Never rejects. */
export function flush(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await flushOnce();
    } while (again);
  })()
    .catch(() => undefined)
    .finally(() => (running = undefined));
  return running;
}

async function flushOnce(): Promise<void> {
  const groups = new Map<string, OutboxEntry[]>();
  for (const entry of await pendingEntries()) {
    const key = JSON.stringify([entry.endpoint, entry.headers ?? {}]);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  for (const group of groups.values()) {
    const first = group[0] as OutboxEntry;
    const responses = group.map((e) => e.response);
    const { status } = await postBatch(first.endpoint, responses, first.headers);
    if ((status >= 200 && status < 300) || status === 409) {
      await Promise.all(responses.map((r) => removeDelivered(r.id, r.revision)));
      listeners.forEach((listener) => listener(responses));
    }
  }
}
