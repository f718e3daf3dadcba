// IndexedDB that never answers (it can hang instead of failing): after a few seconds the widget
// gives up on it for this page and sends the answer from memory; the visitor is never kept waiting.
// (outbox.ts gives up on IndexedDB for the rest of the page, so this runs in its own page.)
import { expect, oneEvent } from '@open-wc/testing';
import { survey, radios, $, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept } from './helpers/msw.js';
import { idsOf, recordPageErrors, recordWarnings, widgetWarnings } from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';

const { deliveryStatus } = pageDelivery();

let warnings: ReturnType<typeof recordWarnings>;
let page: ReturnType<typeof recordPageErrors>;
let opens = 0;

before(async () => {
  await startWorker();
  resetEndpoint(accept);
  warnings = recordWarnings();
  page = recordPageErrors();
  // An open request that never succeeds, fails or blocks.
  Object.defineProperty(indexedDB, 'open', {
    configurable: true,
    value: () => {
      opens++;
      return {} as IDBOpenDBRequest;
    },
  });
});
after(() => {
  delete (indexedDB as unknown as { open?: unknown }).open;
  warnings.restore();
  page.stop();
});

describe('IndexedDB hangs', () => {
  it('thanks the visitor at once and still delivers the answer', async function () {
    this.timeout(15000);
    const el = await survey({ comment: 'off', surveyId: 'hanging-storage' });
    const answered = oneEvent(el, 'csat-answer');
    const delivered = oneEvent(el, 'csat-delivered');
    radios(el)[8]!.click();
    await el.updateComplete;
    expect($(el, '[role=status]')!.textContent!.trim(), 'the visitor waits for storage').to.not.equal('');

    const response = (await answered).detail;
    expect((await delivered).detail.ids).to.deep.equal([response.id]);
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(deliveryStatus().storage).to.equal('memory');
    await waitFor(() => widgetWarnings(warnings.warnings).length > 0);
    expect(widgetWarnings(warnings.warnings)).to.have.length(1);
    expect(page.errors).to.deep.equal([]);
    expect(opens).to.be.above(0);
  });

  it('does not wait for IndexedDB again in this page', async () => {
    const el = await survey({ comment: 'off', surveyId: 'hanging-storage-2' });
    const delivered = oneEvent(el, 'csat-delivered');
    const opensBefore = opens;
    radios(el)[2]!.click();
    await delivered;
    expect(opens, 'tried IndexedDB again').to.equal(opensBefore);
    expect(widgetWarnings(warnings.warnings)).to.have.length(1);
    expect(page.errors).to.deep.equal([]);
  });
});
