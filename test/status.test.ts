// The delivery API for developers who import the package (no window.CsatSurvey): deliveryStatus()
// and clearStoredResponses(); then the same through window.CsatSurvey of the script-tag build.
import { expect } from '@open-wc/testing';
import { keys, set } from 'idb-keyval';
import { clearOutbox } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept, ENDPOINT } from './helpers/msw.js';
import {
  deadLetterDb,
  endpoint,
  entryFor,
  idsOf,
  makeResponse,
  outbox,
  seed,
  startDelivery,
} from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';
import { pageDeadLetters } from '../src/dead-letters.js';

const { clearStoredResponses, deliveryStatus, flush, flushDue, record } = pageDelivery();
const { deadLetters } = pageDeadLetters();

before(async () => {
  await startWorker();
  await startDelivery();
});
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

describe('deliveryStatus()', () => {
  it('has the documented shape, frozen', () => {
    const status = deliveryStatus();
    expect(Object.keys(status).sort()).to.deep.equal(
      [
        'corrupt',
        'delivered',
        'displaysDelivered',
        'displaysDropped',
        'displaysPending',
        'expired',
        'paused',
        'pending',
        'refused',
        'storage',
        'unbuffered',
      ].sort(),
    );
    expect(status.storage).to.equal('indexeddb');
    expect(status.paused).to.deep.equal([]);
    expect(status.pending).to.equal(0);
    for (const key of [
      'delivered',
      'refused',
      'expired',
      'corrupt',
      'unbuffered',
      'displaysPending',
      'displaysDelivered',
      'displaysDropped',
    ] as const) {
      expect(status[key], key).to.be.a('number').and.at.least(0);
    }
    expect(Object.isFrozen(status)).to.equal(true);
  });

  it('counts pending answers, then delivered ones', async () => {
    const delivered = deliveryStatus().delivered;
    await record(entryFor(makeResponse()));
    await record(entryFor(makeResponse()));
    expect(deliveryStatus().pending).to.equal(2);
    await flush();
    expect(deliveryStatus().pending).to.equal(0);
    expect(deliveryStatus().delivered).to.equal(delivered + 2);
  });

  it('tells when the next automatic attempt is, while answers wait', async () => {
    resetEndpoint(endpoint(() => 503));
    await record(entryFor(makeResponse()));
    await flush();
    const next = deliveryStatus().nextAttemptAt;
    expect(next).to.be.a('string');
    expect(Date.parse(next!)).to.be.within(Date.now() - 1000, Date.now() + 2000);
    expect(next).to.equal(new Date(Date.parse(next!)).toISOString());
  });
});

describe('clearStoredResponses()', () => {
  it('empties the outbox and the dead letters, and lifts a pause', async () => {
    resetEndpoint(endpoint(() => 401));
    await seed(entryFor(makeResponse()), entryFor(makeResponse()));
    await set(
      'refused:1',
      { response: makeResponse(), reason: { code: 'refused', message: 'no' }, at: 1 },
      deadLetterDb(),
    );
    await flush();
    expect(deliveryStatus().paused).to.deep.equal([ENDPOINT]);
    expect(await keys(outbox())).to.have.length(2);

    await clearStoredResponses();
    expect(await keys(outbox())).to.deep.equal([]);
    expect(await keys(deadLetterDb())).to.deep.equal([]);
    expect(await deadLetters()).to.deep.equal([]);
    expect(deliveryStatus().pending).to.equal(0);
    expect(deliveryStatus().paused).to.deep.equal([]);
    expect(deliveryStatus().nextAttemptAt).to.equal(undefined);

    resetEndpoint(accept);
    const next = makeResponse();
    await record(entryFor(next));
    await flushDue();
    expect(idsOf(received), 'the pause outlived clearing').to.deep.equal([next.id]);
  });
});

describe('window.CsatSurvey', () => {
  it('is not set by the ES module', () => {
    expect(window.CsatSurvey).to.equal(undefined);
  });

  it('the script-tag entry sets it once, with a live status, flush() and clear()', async () => {
    (globalThis as unknown as { __VERSION__: string }).__VERSION__ = '0.0.0-test';
    await import('../src/script-tag.js');
    const global = window.CsatSurvey!;
    expect(global.version).to.equal('0.0.0-test');
    expect(global.CsatSurveyElement).to.equal(customElements.get('csat-survey'));

    const response = makeResponse();
    await record(entryFor(response));
    expect(global.status.pending, 'status is a snapshot taken at load').to.equal(1);
    await global.flush();
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(global.status.pending).to.equal(0);

    await record(entryFor(makeResponse()));
    await global.clear();
    expect(await keys(outbox())).to.deep.equal([]);
    expect(() => ((global as { status: unknown }).status = {})).to.throw(TypeError);
  });
});
