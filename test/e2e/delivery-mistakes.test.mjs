// End-to-end: configuration mistakes on the way to the endpoint. A redirect, a Content-Type given in
// `headers`, a comment longer than the wire format allows, an endpoint the page's CSP blocks, a
// preflight refused because of a custom header: no answer is lost (it stays in the outbox, or arrives
// once the fault is removed), the documented csat-error fires once, and nothing is dead-lettered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, deadLetters, events, flush, openPage, outbox } from './browser.mjs';
import { startReceiver } from './receiver.mjs';
import { e2eSuite, settle } from './harness.mjs';

const run = e2eSuite();

/** The csat-error events of one code the page saw. */
const errorsOf = async (page, code) => (await events(page, 'csat-error')).filter((e) => e.detail.code === code);

/** Waits until the page saw a csat-error of `code`. */
const untilError = (page, code, timeout = 15_000) =>
  page.waitForFunction(
    (code) => window.e2e.events.some((e) => e.type === 'csat-error' && e.detail.code === code),
    code,
    { timeout },
  );

const outboxKeys = async (page) => (await outbox(page)).map((r) => r.key);

for (const code of [301, 302, 303, 307, 308]) {
  test(
    `a ${code} from the endpoint is not a delivery: the answer is kept, endpoint-redirected fires once, and it arrives once the endpoint stops redirecting`,
    run(async ({ rx, context, pages }) => {
      let redirecting = true;
      // The address it redirects to answers every GET with 200: followed, a POST turned GET would "succeed".
      rx.fault = () => (redirecting ? { status: code, headers: { location: `${rx.origin}/blank.html` } } : undefined);
      const page = await openPage(context, rx, { survey: `redirect-${code}`, comment: 'off' });
      const { id } = await answer(page);
      await untilError(page, 'endpoint-redirected');
      await flush(page);
      await flush(page);
      const errors = await errorsOf(page, 'endpoint-redirected');
      assert.equal(errors.length, 1, 'reported once per endpoint and page');
      assert.equal(errors[0].detail.endpoint, '/collect');
      assert.match(errors[0].detail.message, /final URL/);
      assert.deepEqual(await outboxKeys(page), [id], 'still in the outbox');
      assert.ok(rx.requests.length >= 3, 'tried again on each flush');
      assert.equal(rx.kept.size, 0);

      redirecting = false;
      await flush(page);
      await settle({ rx, chosen: [id], pages, page });
      assert.deepEqual(await deadLetters(page), []);
    }),
  );
}

for (const headers of [
  { 'Content-Type': 'application/json' },
  { 'CONTENT-TYPE': 'text/plain', 'X-Trace': 'first', 'x-trace': 'second' },
]) {
  test(
    `headers ${JSON.stringify(headers)}: one content type, the wire format's, and the answer is delivered`,
    run(async ({ rx, context, pages }) => {
      const page = await openPage(context, rx, { survey: 'headers', comment: 'off', headers: JSON.stringify(headers) });
      const { id } = await answer(page);
      await settle({ rx, chosen: [id], pages, page });
      for (const r of rx.requests) {
        assert.equal(r.headers['content-type'], 'application/json');
        if (headers['x-trace']) assert.equal(r.headers['x-trace'], 'second');
      }
      assert.deepEqual(await deadLetters(page), []);
      assert.deepEqual(await events(page, 'csat-error'), []);
    }),
  );
}

test(
  'a comment of 2001 characters set by a script is refused before it is stored; the score is kept and sent, online and offline',
  run(async ({ rx, context, pages }) => {
    const page = await openPage(context, rx, { survey: 'long-comment', n: 2, langs: 'en,fa', comment: 'optional' });
    const surveys = page.locator('csat-survey');

    // Online, in English: refused with a message under the box; then a 2000-character comment is taken.
    const first = await answer(page, { element: 0, index: 8 });
    await rx.waitFor(() => rx.kept.get(first.id) === 1, 10_000, 'the score');
    await surveys
      .nth(0)
      .locator('textarea')
      .evaluate((el) => (el.value = 'x'.repeat(2001)));
    await surveys.nth(0).locator('[part~="submit"]').click();
    await untilError(page, 'invalid-comment');
    assert.equal(
      (await surveys.nth(0).locator('[part~="error"]').textContent()).trim(),
      'Your comment can be at most 2,000 characters long.',
    );
    assert.equal(await surveys.nth(0).locator('textarea').getAttribute('aria-invalid'), 'true');
    const refused = await errorsOf(page, 'invalid-comment');
    assert.equal(refused.length, 1);
    assert.equal(refused[0].detail.responseId, first.id);
    assert.equal((await outbox(page)).find((r) => r.key === first.id)?.value.response.revision ?? 1, 1);
    await surveys
      .nth(0)
      .locator('textarea')
      .evaluate((el) => (el.value = 'y'.repeat(2000)));
    await surveys.nth(0).locator('[part~="submit"]').click();
    await rx.waitFor(() => rx.kept.get(first.id) === 2, 10_000, 'the 2000-character comment');

    // Offline, in Persian: refused, and the score stored offline stays valid and arrives once online.
    await context.setOffline(true);
    const second = await answer(page, { element: 1, index: 2 });
    await surveys
      .nth(1)
      .locator('textarea')
      .evaluate((el) => (el.value = 'z'.repeat(2001)));
    await surveys.nth(1).locator('[part~="submit"]').click();
    await page.waitForFunction(
      () => window.e2e.events.filter((e) => e.type === 'csat-error' && e.detail.code === 'invalid-comment').length > 1,
    );
    assert.equal(
      (await surveys.nth(1).locator('[part~="error"]').textContent()).trim(),
      'نظرتان نباید بیشتر از ۲٬۰۰۰ نویسه باشد.',
    );
    assert.deepEqual(
      (await outbox(page))
        .filter((r) => r.key === second.id)
        .map((r) => [r.value.response.revision, r.value.response.comment]),
      [[1, undefined]],
      'the score, stored, without the comment',
    );
    await surveys.nth(1).locator('[part~="skip"]').click();
    await context.setOffline(false);
    await flush(page);

    await settle({ rx, chosen: [first.id, second.id], pages, page });
    const kept = new Map(rx.responses().map((r) => [r.id, r]));
    assert.equal(kept.get(first.id).comment, 'y'.repeat(2000));
    assert.equal(kept.get(second.id).score, 2);
    assert.equal(kept.get(second.id).comment, undefined);
    assert.equal(kept.get(second.id).complete, true);
    assert.deepEqual(await deadLetters(page), [], 'nothing dead-lettered, nothing corrupt');
    assert.equal((await errorsOf(page, 'invalid-comment')).length, 2, 'once per refused submit');
    assert.deepEqual(
      (await events(page, 'csat-error')).map((e) => e.detail.code).filter((c) => c !== 'invalid-comment'),
      [],
    );
  }),
);

test(
  'a comment typed or pasted past 2000 characters is cut by maxlength and sent',
  run(async ({ rx, context, pages }) => {
    const page = await openPage(context, rx, { survey: 'typed-comment', n: 2, comment: 'optional' });
    const surveys = page.locator('csat-survey');
    const ids = [];
    for (const [element, fill] of [
      // Pasted: 2001 characters inserted at once.
      [0, (box) => box.page().keyboard.insertText('p'.repeat(2001))],
      // Typed: 1999 characters, then three keys.
      [1, async (box) => (await box.page().keyboard.insertText('t'.repeat(1999)), box.pressSequentially('abc'))],
    ]) {
      ids.push((await answer(page, { element, index: 10 })).id);
      const box = surveys.nth(element).locator('textarea');
      await box.focus();
      await fill(box);
      assert.equal(await box.evaluate((el) => el.value.length), 2000);
      await surveys.nth(element).locator('[part~="submit"]').click();
    }
    await rx.waitFor(() => ids.every((id) => rx.kept.get(id) === 2), 10_000, 'both comments');
    await settle({ rx, chosen: ids, pages, page });
    for (const r of rx.responses()) assert.equal(r.comment.length, 2000);
    assert.deepEqual(await events(page, 'csat-error'), []);
  }),
);

test(
  "an endpoint the page's CSP (connect-src) blocks: endpoint-unreachable fires once, the answer is kept, and arrives once the CSP allows it",
  run(async ({ rx, context, pages }) => {
    const endpoint = await startReceiver();
    try {
      rx.pageHeaders = { 'content-security-policy': "connect-src 'self'" };
      const page = await openPage(context, rx, { survey: 'csp', comment: 'off', endpoint: endpoint.url });
      const { id } = await answer(page);
      await untilError(page, 'endpoint-unreachable');
      await flush(page);
      await flush(page);
      const errors = await errorsOf(page, 'endpoint-unreachable');
      assert.equal(errors.length, 1, 'reported once');
      assert.equal(errors[0].detail.endpoint, endpoint.url);
      assert.match(errors[0].detail.message, /Content-Security-Policy/);
      assert.match(errors[0].detail.message, /connect-src/);
      assert.ok(errors[0].detail.message.includes(endpoint.origin), 'names the origin to allow');
      assert.deepEqual(await outboxKeys(page), [id]);
      assert.equal(endpoint.requests.length, 0);

      rx.pageHeaders = {};
      await page.reload();
      await page.waitForFunction(() => window.CsatSurvey);
      await flush(page);
      await settle({ rx: endpoint, chosen: [id], pages, page });
      assert.deepEqual(await deadLetters(page), []);
    } finally {
      await endpoint.close();
    }
  }),
);

test(
  'a preflight refused because of a custom header: endpoint-unreachable names the origin and the header, the answer is kept, and arrives once the header is allowed',
  run(async ({ rx, context, pages }) => {
    const endpoint = await startReceiver();
    try {
      endpoint.allowHeaders = 'content-type';
      const page = await openPage(context, rx, {
        survey: 'preflight',
        comment: 'off',
        endpoint: endpoint.url,
        headers: JSON.stringify({ 'X-Api-Key': 'k-1' }),
      });
      const { id } = await answer(page);
      await untilError(page, 'endpoint-unreachable');
      await flush(page);
      const errors = await errorsOf(page, 'endpoint-unreachable');
      assert.equal(errors.length, 1, 'reported once');
      assert.equal(errors[0].detail.endpoint, endpoint.url);
      assert.ok(errors[0].detail.message.includes(rx.origin), "names this page's origin");
      assert.match(errors[0].detail.message, /x-api-key/);
      assert.deepEqual(await outboxKeys(page), [id]);
      assert.equal(endpoint.requests.length, 0, 'no POST got through');

      endpoint.allowHeaders = undefined;
      await flush(page);
      await settle({ rx: endpoint, chosen: [id], pages, page });
      assert.equal(endpoint.requests.at(-1).headers['x-api-key'], 'k-1');
      assert.deepEqual(await deadLetters(page), []);
    } finally {
      await endpoint.close();
    }
  }),
);
