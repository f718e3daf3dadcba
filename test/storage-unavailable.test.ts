// IndexedDB unavailable from the start (blocked storage, some private modes: opening it throws).
// The widget still works: answers are sent from memory, refusals are still kept for this page,
// the console says so once, and no exception reaches the page.
// (outbox.ts gives up on IndexedDB for the rest of the page, so this runs in its own page.)
import { expect, oneEvent } from '@open-wc/testing';
import { survey, clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept, answerDisplays, displayIds } from './helpers/msw.js';
import {
  displaysSent,
  endpoint,
  entryFor,
  idsOf,
  makeResponse,
  recordPageErrors,
  recordWarnings,
  startDelivery,
  widgetWarnings,
} from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';
import { pageDeadLetters } from '../src/dead-letters.js';
import { MAX_BUFFERED } from '../src/outbox.js';
import type { CsatErrorDetail } from '../src/events.js';

const { deliveryStatus, flush, record, recordDisplay } = pageDelivery();
const { deadLetters } = pageDeadLetters();

let warnings: ReturnType<typeof recordWarnings>;
let page: ReturnType<typeof recordPageErrors>;

before(async () => {
  await startWorker();
  warnings = recordWarnings();
  page = recordPageErrors();
  Object.defineProperty(indexedDB, 'open', {
    configurable: true,
    value: () => {
      throw new DOMException('access to the Indexed Database API is denied in this context.', 'SecurityError');
    },
  });
  await startDelivery();
});
after(() => {
  delete (indexedDB as unknown as { open?: unknown }).open;
  warnings.restore();
  page.stop();
});
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});
afterEach(() => {
  expect(page.errors, 'an exception reached the page').to.deep.equal([]);
  expect(widgetWarnings(warnings.warnings).filter((w) => String(w[0]).includes('IndexedDB'))).to.have.length(1);
});

describe('IndexedDB unavailable', () => {
  it('opening IndexedDB really throws here', () => {
    expect(() => indexedDB.open('anything')).to.throw(DOMException);
  });

  it('sends the answer from memory and reports it delivered', async () => {
    const el = await survey({ comment: 'off', surveyId: 'no-storage' });
    const delivered = oneEvent(el, 'csat-delivered');
    const answered = oneEvent(el, 'csat-answer');
    radios(el)[10]!.click();
    const response = (await answered).detail;
    expect((await delivered).detail.ids).to.deep.equal([response.id]);
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(deliveryStatus().storage).to.equal('memory');
    expect(deliveryStatus().pending).to.equal(0);
  });

  it('keeps an answer the endpoint could not take in memory, and delivers it later', async () => {
    resetEndpoint(endpoint(() => 503));
    const response = makeResponse();
    expect(await record(entryFor(response))).to.equal('memory');
    await flush();
    await flush();
    expect(received).to.have.length(2);
    expect(deliveryStatus().pending).to.equal(1);
    resetEndpoint(accept);
    await flush();
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(deliveryStatus().pending).to.equal(0);
  });

  it('still reports a refused answer and keeps it among the dead letters of this page', async () => {
    resetEndpoint(endpoint(() => 422));
    const el = await survey({ comment: 'off', surveyId: 'no-storage' });
    const error = oneEvent(el, 'csat-error');
    radios(el)[0]!.click();
    const { detail } = (await error) as CustomEvent<CsatErrorDetail>;
    expect(detail).to.include({ code: 'refused', status: 422 });
    const letters = await deadLetters();
    expect(letters.map((l) => l.response?.id)).to.deep.equal([detail.responseId]);
    expect(deliveryStatus().pending).to.equal(0);
  });

  it('sends a display from memory, keeps one the endpoint could not take, and sends it later', async () => {
    const el = await survey({ surveyId: 'no-storage-shown' });
    await displaysSent();
    expect(displayIds()).to.have.length(1);
    answerDisplays(() => 503);
    const id = crypto.randomUUID();
    await recordDisplay({
      endpoint: '/api/responses',
      display: {
        id,
        surveyId: 'no-storage-shown',
        type: 'nps',
        shownAt: new Date().toISOString(),
        locale: 'en',
        page: { url: location.href },
      },
    });
    await flush();
    expect(deliveryStatus().displaysPending).to.equal(1);
    answerDisplays(() => 204);
    await flush();
    expect(displayIds().slice(-2)).to.deep.equal([id, id]);
    expect(deliveryStatus().displaysPending).to.equal(0);
    el.remove();
  });

  it('still sends the 501st answer when 500 already wait in memory', async () => {
    resetEndpoint(endpoint(() => 503));
    for (let i = 0; i < MAX_BUFFERED; i++) await record(entryFor(makeResponse()));
    expect(deliveryStatus().pending).to.equal(500);
    const el = await survey({ comment: 'off', surveyId: 'no-storage' });
    const error = oneEvent(el, 'csat-error');
    const answered = oneEvent(el, 'csat-answer');
    radios(el)[7]!.click();
    const response = (await answered).detail;
    const { detail } = (await error) as CustomEvent<CsatErrorDetail>;
    expect(detail).to.include({ code: 'buffer-full', responseId: response.id });
    // The message promises the answer "is sent now": the endpoint must receive it.
    resetEndpoint(accept);
    await flush();
    await waitFor(() => idsOf(received).length >= 500, 'the 500 kept answers were not sent');
    expect(idsOf(received), 'the 501st answer was never sent').to.include(response.id);
  });
});
