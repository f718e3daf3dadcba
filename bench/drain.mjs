// Time to drain a backlog: the outbox is filled with `count` valid records (wire format v1) while no
// page of the widget is open; then the page loads, and the clock runs until the receiver holds every
// id and the outbox is empty.
import { OUTBOX, openBlank, openPage, outbox, writeStore } from '../test/e2e/browser.mjs';
import { makeResponse, outboxRecord } from '../test/e2e/records.mjs';

export async function drain(context, rx, count = 500) {
  const blank = await openBlank(context, rx);
  const responses = Array.from({ length: count }, (_, i) => makeResponse(rx.origin, { score: i % 11 }));
  await writeStore(
    blank,
    OUTBOX,
    responses.map((r) => outboxRecord(r)),
  );
  await blank.close();

  const before = rx.requests.length;
  const start = Date.now();
  const page = await openPage(context, rx, { survey: 'bench-drain' });
  await rx.waitForIds(
    responses.map((r) => r.id),
    120_000,
  );
  const delivered = Date.now() - start;
  while ((await outbox(page)).length) await page.waitForTimeout(20);
  const empty = Date.now() - start;
  await page.close();
  return { delivered, empty, requests: rx.requests.length - before };
}
