// Where Web Locks are missing, tabs claim the answers they send: an answer another tab claimed,
// whose lease still runs, is left to that tab; one whose lease ran out (the tab died) is sent.
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { clearOutbox } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept } from './helpers/msw.js';
import {
  MINUTE,
  SECOND,
  endpoint,
  entryFor,
  idsOf,
  makeResponse,
  seed,
  startDelivery,
  stored,
  storedKeys,
} from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';

const { flush, flushDue, record } = pageDelivery();

const hideLocks = () => Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
const showLocks = () => delete (navigator as unknown as { locks?: LockManager }).locks;

before(async () => {
  await startWorker();
  await startDelivery();
});
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
  hideLocks();
});
afterEach(async () => {
  showLocks();
  await clearOutbox();
});

describe('claims, where Web Locks are missing', () => {
  it('can hide and restore navigator.locks in this browser', () => {
    expect(navigator.locks).to.equal(undefined);
    showLocks();
    expect(navigator.locks).to.be.an.instanceOf(LockManager);
    hideLocks();
  });

  it('delivers unclaimed answers as usual', async () => {
    const a = makeResponse();
    await record(entryFor(a));
    await flushDue();
    expect(idsOf(received)).to.deep.equal([a.id]);
    expect(await storedKeys()).to.deep.equal([]);
  });

  it('leaves an answer another tab holds a live lease on, and sends one whose lease ran out', async () => {
    const held = makeResponse();
    const abandoned = makeResponse();
    const free = makeResponse();
    const lease = { owner: 'another-tab', until: Date.now() + 20 * SECOND };
    await seed(
      entryFor(held, { claim: lease }),
      entryFor(abandoned, { claim: { owner: 'another-tab', until: Date.now() - SECOND } }),
      entryFor(free),
    );
    await flush();
    expect(idsOf(received)).to.have.members([abandoned.id, free.id]);
    const kept = await stored(held.id);
    expect(kept, 'the held answer was dropped').to.not.equal(undefined);
    expect(kept!.claim, "the other tab's claim was taken").to.deep.equal(lease);
    expect(kept!.attempts).to.equal(0);
    expect(await storedKeys()).to.deep.equal([held.id]);
  });

  it('sends an answer once the other tab’s lease runs out', async () => {
    const held = makeResponse();
    const until = Date.now() + 20 * SECOND;
    await seed(entryFor(held, { claim: { owner: 'another-tab', until } }));
    await flush();
    expect(received).to.have.length(0);
    // The clock moves past the lease (only Date: timers and IndexedDB run as usual), however long
    // the steps above took on a loaded machine.
    const clock = sinon.useFakeTimers({ now: until + SECOND, toFake: ['Date'] });
    try {
      await flush();
    } finally {
      clock.restore();
    }
    expect(idsOf(received)).to.deep.equal([held.id]);
  });

  it('ignores a lease longer than any tab sets (a clock that went back)', async () => {
    const stale = makeResponse();
    await seed(entryFor(stale, { claim: { owner: 'another-tab', until: Date.now() + 60 * MINUTE } }));
    await flush();
    expect(idsOf(received)).to.deep.equal([stale.id]);
  });

  it('drops its own claim when the send fails, so another tab can retry', async () => {
    resetEndpoint(endpoint(() => 503));
    const response = makeResponse();
    await seed(entryFor(response));
    await flush();
    const entry = (await stored(response.id))!;
    expect(entry.attempts).to.equal(1);
    expect(entry.claim).to.equal(undefined);
  });

  it('with Web Locks, does not need claims: the same held answer is sent', async () => {
    showLocks();
    const held = makeResponse();
    await seed(entryFor(held, { claim: { owner: 'another-tab', until: Date.now() + 20 * SECOND } }));
    await flush();
    expect(idsOf(received)).to.deep.equal([held.id]);
  });
});
