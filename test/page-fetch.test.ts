// A page's fetch and sendBeacon are the page's: a wrapper may drop the abort signal, never settle,
// or throw synchronously. The transport settles on its own timer and turns a throw into a failed send.
import { expect } from '@open-wc/testing';
import { postBatch, reachable, sendAtPageHide } from '../src/transport.js';
import { makeResponse } from './helpers/outbox.js';

const originalFetch = window.fetch;
const originalBeacon = navigator.sendBeacon;
afterEach(() => {
  window.fetch = originalFetch;
  navigator.sendBeacon = originalBeacon;
});

describe('a page fetch that cannot be trusted', () => {
  it('one that drops the signal and never settles: postBatch gives up after its timeout', async () => {
    let signal: AbortSignal | undefined | null;
    window.fetch = (_input, init) => {
      signal = init?.signal;
      return new Promise<Response>(() => undefined);
    };
    const t0 = Date.now();
    const result = await postBatch('/api/responses', [makeResponse()], {}, 100);
    expect(result).to.deep.equal({ status: 0, failure: 'timeout' });
    expect(Date.now() - t0).to.be.within(95, 2000);
    expect(signal?.aborted, 'the signal is still aborted, for a fetch that listens').to.equal(true);
  });

  it('one that throws synchronously: a failed send, not an exception', async () => {
    window.fetch = () => {
      throw new TypeError('blocked by the page');
    };
    expect(await postBatch('/api/responses', [makeResponse()], {}, 1000)).to.deep.equal({
      status: 0,
      failure: 'network',
    });
    expect(await reachable('/api/responses', 1000)).to.equal(false);
  });

  it('at page hide, fetch and sendBeacon that throw: nothing escapes', async () => {
    window.fetch = () => {
      throw new TypeError('blocked by the page');
    };
    navigator.sendBeacon = () => {
      throw new TypeError('blocked by the page');
    };
    const budget = { bytes: 60_000 };
    let sent: ReturnType<typeof sendAtPageHide>;
    expect(() => (sent = sendAtPageHide('/api/responses', [makeResponse()], undefined, budget))).to.not.throw();
    expect(await sent!).to.deep.equal({ status: 0, failure: 'network' });
    // Past the keepalive budget, the beacon: it throws, and counts as refused.
    budget.bytes = 10;
    expect(() => sendAtPageHide('/api/responses', [makeResponse()], undefined, budget)).to.not.throw();
    expect(budget.bytes).to.equal(0);
  });
});
