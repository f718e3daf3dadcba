// IndexedDB failing under a working page: a dropped connection is reopened, and a full disk
// (QuotaExceededError) fails only the write that hit it. The answer is sent either way, the
// console says once what cannot be guaranteed, and no exception reaches the page.
// (outbox.ts remembers failures for the whole page, so these tests run in order in their own page.)
import { expect, oneEvent } from '@open-wc/testing';
import { survey, clearOutbox, radios, $, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept } from './helpers/msw.js';
import {
  endpoint,
  entryFor,
  idsOf,
  makeResponse,
  recordPageErrors,
  recordWarnings,
  startDelivery,
  stored,
  widgetWarnings,
} from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';

const { deliveryStatus, flush, flushDue, record } = pageDelivery();

let warnings: ReturnType<typeof recordWarnings>;
let page: ReturnType<typeof recordPageErrors>;
const undo: Array<() => void> = [];

before(async () => {
  await startWorker();
  await startDelivery();
  warnings = recordWarnings();
  page = recordPageErrors();
});
after(() => {
  warnings.restore();
  page.stop();
});
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});
afterEach(async () => {
  undo.splice(0).forEach((restore) => restore());
  expect(page.errors, 'an exception reached the page').to.deep.equal([]);
  expect(widgetWarnings(warnings.warnings).length, 'the console was told more than once').to.be.at.most(1);
});

/** The next IndexedDB transaction fails as on a connection the browser closed; later ones work. */
function dropConnectionOnce(): void {
  const real = IDBDatabase.prototype.transaction;
  let failed = false;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    if (!failed) {
      failed = true;
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    }
    return real.apply(this, args);
  } as IDBDatabase['transaction'];
  undo.push(() => (IDBDatabase.prototype.transaction = real));
}

/** Every write aborts its transaction with QuotaExceededError, as on a full disk, until undone. */
function fillDisk(): void {
  const real = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore) {
    const transaction = this.transaction;
    Object.defineProperty(transaction, 'error', {
      value: new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    });
    transaction.abort();
    return {} as IDBRequest<IDBValidKey>;
  };
  undo.push(() => (IDBObjectStore.prototype.put = real));
}

describe('storage faults in a working page', () => {
  it('starts with IndexedDB in use', () => {
    expect(deliveryStatus().storage).to.equal('indexeddb');
    expect(widgetWarnings(warnings.warnings)).to.have.length(0);
  });

  it('reopens a dropped connection: the answer is still stored durably', async () => {
    const response = makeResponse();
    dropConnectionOnce();
    expect(await record(entryFor(response))).to.equal('stored');
    expect((await stored(response.id))!.response).to.deep.equal(response);
    expect(deliveryStatus().storage).to.equal('indexeddb');
    expect(widgetWarnings(warnings.warnings), 'the dropped connection went unnoticed').to.have.length(1);
    await flush();
    expect(idsOf(received)).to.deep.equal([response.id]);
  });

  it('a full disk: the answer is still sent, from memory, and the page is told once', async () => {
    fillDisk();
    const el = await survey({ comment: 'off', surveyId: 'full-disk' });
    const delivered = oneEvent(el, 'csat-delivered');
    const answered = oneEvent(el, 'csat-answer');
    radios(el)[9]!.click();
    const response = (await answered).detail;
    await el.updateComplete;
    expect($(el, '[role=status]')!.textContent!.trim(), 'the visitor is thanked').to.not.equal('');
    expect((await delivered).detail.ids).to.deep.equal([response.id]);
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(deliveryStatus().storage).to.equal('memory');
    expect(widgetWarnings(warnings.warnings), 'warned again').to.have.length(1);
    expect(String(widgetWarnings(warnings.warnings)[0]![0])).to.contain('IndexedDB');
  });

  it('a full disk while the endpoint is down: the answer waits in memory and is delivered later', async () => {
    fillDisk();
    resetEndpoint(endpoint(() => 503));
    const response = makeResponse();
    expect(await record(entryFor(response))).to.equal('memory');
    await flush();
    expect(received).to.have.length(1);
    expect(deliveryStatus().pending).to.equal(1);
    resetEndpoint(accept);
    await flush();
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(deliveryStatus().pending).to.equal(0);
  });

  it('once the disk has room again, answers are stored durably again', async () => {
    const response = makeResponse();
    expect(await record(entryFor(response))).to.equal('stored');
    expect((await stored(response.id))!.response).to.deep.equal(response);
    // The status keeps saying that this page could not keep every answer.
    expect(deliveryStatus().storage).to.equal('memory');
    await flushDue();
    expect(idsOf(received)).to.deep.equal([response.id]);
    await waitFor(async () => (await stored(response.id)) === undefined);
  });
});
