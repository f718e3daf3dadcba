// IndexedDB whose writes throw (IDBObjectStore.put may throw synchronously, e.g. DataCloneError or
// InvalidStateError): the answer must still be sent, and the failure must stay inside the widget.
// (outbox.ts gives up on IndexedDB for the rest of the page, so this runs in its own page.)
import { expect, oneEvent } from '@open-wc/testing';
import { survey, clearOutbox, radios } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept } from './helpers/msw.js';
import { idsOf, recordPageErrors, recordWarnings, startDelivery, widgetWarnings } from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';

const { deliveryStatus } = pageDelivery();

let warnings: ReturnType<typeof recordWarnings>;
let page: ReturnType<typeof recordPageErrors>;
let realPut: IDBObjectStore['put'];

before(async () => {
  await startWorker();
  await startDelivery();
  resetEndpoint(accept);
  await clearOutbox();
  warnings = recordWarnings();
  page = recordPageErrors();
  realPut = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
});
after(() => {
  IDBObjectStore.prototype.put = realPut;
  warnings.restore();
  page.stop();
});

describe('IndexedDB writes throw', () => {
  it('sends the answer from memory, warns once, and lets no exception reach the page', async () => {
    const el = await survey({ comment: 'off', surveyId: 'throwing-storage' });
    const answered = oneEvent(el, 'csat-answer');
    const delivered = oneEvent(el, 'csat-delivered');
    radios(el)[6]!.click();
    const response = (await answered).detail;
    expect((await delivered).detail.ids).to.deep.equal([response.id]);
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(deliveryStatus().storage).to.equal('memory');
    expect(widgetWarnings(warnings.warnings)).to.have.length(1);
    expect(page.errors, 'an exception reached the page').to.deep.equal([]);
  });
});
