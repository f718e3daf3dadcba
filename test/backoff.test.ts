// When an answer is tried again, and when it is given up: the pure rules of src/backoff.ts with
// an injected random, and the Retry-After header parsing of src/transport.ts.
import { expect } from '@open-wc/testing';
import {
  BASE_DELAY_MS,
  KEEP_MS,
  MAX_DELAY_MS,
  MAX_WAIT_MS,
  MIN_ATTEMPTS_TO_EXPIRE,
  afterFailure,
  isDue,
  isExpired,
  retryDelay,
} from '../src/backoff.js';
import { parseRetryAfter } from '../src/transport.js';
import { DAY, HOUR, MINUTE, SECOND } from './helpers/outbox.js';

const NOW = Date.UTC(2025, 2, 20, 12, 0, 0);
const ALMOST_ONE = 1 - 1e-12;
const always = (value: number) => () => value;

describe('retryDelay: exponential backoff with full jitter', () => {
  it('uses the contract numbers: base 2 s, cap 15 min, Retry-After held to 1 h, 30 days, 8 attempts', () => {
    expect(BASE_DELAY_MS).to.equal(2 * SECOND);
    expect(MAX_DELAY_MS).to.equal(15 * MINUTE);
    expect(MAX_WAIT_MS).to.equal(HOUR);
    expect(KEEP_MS).to.equal(30 * DAY);
    expect(MIN_ATTEMPTS_TO_EXPIRE).to.equal(8);
  });

  it('waits between 0 and 2 s × 2^(attempts − 1)', () => {
    for (let attempts = 1; attempts <= 9; attempts++) {
      const ceiling = 2 * SECOND * 2 ** (attempts - 1);
      expect(retryDelay(attempts, undefined, always(0)), `attempt ${attempts}, random 0`).to.equal(0);
      expect(retryDelay(attempts, undefined, always(0.5)), `attempt ${attempts}, random 0.5`).to.equal(ceiling / 2);
      const top = retryDelay(attempts, undefined, always(ALMOST_ONE));
      expect(top, `attempt ${attempts}, random ~1`)
        .to.be.below(ceiling)
        .and.above(ceiling * 0.999);
    }
  });

  it('is spread over the whole window (full jitter), not bunched at its top', () => {
    const draws = [0, 0.1, 0.25, 0.5, 0.75, 0.9];
    const delays = draws.map((r) => retryDelay(4, undefined, always(r)));
    expect(delays).to.deep.equal(draws.map((r) => r * 16 * SECOND));
  });

  it('never waits longer than 15 minutes, however many attempts failed', () => {
    for (const attempts of [10, 11, 20, 21, 50, 1000, Number.MAX_SAFE_INTEGER]) {
      const delay = retryDelay(attempts, undefined, always(ALMOST_ONE));
      expect(delay, `attempt ${attempts}`)
        .to.be.at.most(15 * MINUTE)
        .and.above(14.9 * MINUTE);
    }
  });

  it('treats 0 or fewer attempts like the first', () => {
    expect(retryDelay(0, undefined, always(0.5))).to.equal(SECOND);
    expect(retryDelay(-3, undefined, always(0.5))).to.equal(SECOND);
  });

  it('uses Math.random when no random is given, within the window', () => {
    for (let i = 0; i < 200; i++) {
      expect(retryDelay(3)).to.be.within(0, 8 * SECOND);
    }
  });

  it('never waits less than the server asked with Retry-After', () => {
    expect(retryDelay(1, 120, always(0))).to.equal(120 * SECOND);
    expect(retryDelay(1, 120, always(ALMOST_ONE))).to.equal(120 * SECOND);
    expect(retryDelay(1, 0.5, always(0))).to.equal(500);
    expect(retryDelay(1, 0, always(0.5))).to.equal(SECOND);
  });

  it('waits longer than Retry-After when the backoff draw is longer', () => {
    expect(retryDelay(12, 10, always(0.5))).to.equal(7.5 * MINUTE);
  });

  it('holds a Retry-After longer than an hour to an hour', () => {
    expect(retryDelay(1, 7200, always(0))).to.equal(HOUR);
    expect(retryDelay(1, 10 ** 9, always(ALMOST_ONE))).to.equal(HOUR);
    expect(retryDelay(30, 3600 * 24 * 365, always(ALMOST_ONE))).to.equal(HOUR);
  });
});

describe('isDue: the device clock is not trusted', () => {
  it('is due with no wait set, or once the wait is over', () => {
    expect(isDue({ storedAt: NOW, attempts: 0 }, NOW)).to.equal(true);
    expect(isDue({ storedAt: NOW, attempts: 3, notBefore: NOW }, NOW)).to.equal(true);
    expect(isDue({ storedAt: NOW, attempts: 3, notBefore: NOW - 1 }, NOW)).to.equal(true);
    expect(isDue({ storedAt: NOW, attempts: 3, notBefore: NOW - 40 * DAY }, NOW)).to.equal(true);
  });

  it('is not due while a wait we could have set (up to 1 h) runs', () => {
    expect(isDue({ storedAt: NOW, attempts: 3, notBefore: NOW + 1 }, NOW)).to.equal(false);
    expect(isDue({ storedAt: NOW, attempts: 3, notBefore: NOW + 15 * MINUTE }, NOW)).to.equal(false);
    expect(isDue({ storedAt: NOW, attempts: 3, notBefore: NOW + HOUR }, NOW)).to.equal(false);
  });

  it('is due when the wait is longer than any we set (the clock went back)', () => {
    expect(isDue({ storedAt: NOW, attempts: 3, notBefore: NOW + HOUR + 1 }, NOW)).to.equal(true);
    expect(isDue({ storedAt: NOW, attempts: 3, notBefore: NOW + 2 * HOUR }, NOW)).to.equal(true);
    expect(isDue({ storedAt: NOW, attempts: 3, notBefore: NOW + 365 * DAY }, NOW)).to.equal(true);
  });
});

describe('isExpired: given up after 30 days and 8 failed attempts, not before', () => {
  it('expires an answer older than 30 days that failed at least 8 times', () => {
    expect(isExpired({ storedAt: NOW - 30 * DAY - 1, attempts: 8 }, NOW)).to.equal(true);
    expect(isExpired({ storedAt: NOW - 90 * DAY, attempts: 40 }, NOW)).to.equal(true);
  });

  it('keeps an old answer that was tried fewer than 8 times (a clock that jumped ahead purges nothing)', () => {
    expect(isExpired({ storedAt: NOW - 31 * DAY, attempts: 7 }, NOW)).to.equal(false);
    expect(isExpired({ storedAt: NOW - 5 * 365 * DAY, attempts: 0 }, NOW)).to.equal(false);
  });

  it('keeps an answer younger than 30 days, however often it failed', () => {
    expect(isExpired({ storedAt: NOW - 30 * DAY, attempts: 100 }, NOW)).to.equal(false);
    expect(isExpired({ storedAt: NOW - 29 * DAY, attempts: 100 }, NOW)).to.equal(false);
  });

  it('keeps an answer stored "in the future" (the clock went back)', () => {
    expect(isExpired({ storedAt: NOW + 40 * DAY, attempts: 100 }, NOW)).to.equal(false);
  });
});

describe('afterFailure', () => {
  it('counts the attempt and sets the next time from now', () => {
    const before = { storedAt: NOW - DAY, attempts: 2, notBefore: NOW - MINUTE };
    const after = afterFailure(before, 5 * SECOND, NOW);
    expect(after).to.deep.equal({ storedAt: NOW - DAY, attempts: 3, notBefore: NOW + 5 * SECOND });
    expect(before, 'the state passed in is not changed').to.deep.equal({
      storedAt: NOW - DAY,
      attempts: 2,
      notBefore: NOW - MINUTE,
    });
  });

  it('re-anchors a storedAt in the future to now, so the 30 days start again', () => {
    const after = afterFailure({ storedAt: NOW + 3 * DAY, attempts: 0 }, 0, NOW);
    expect(after).to.deep.equal({ storedAt: NOW, attempts: 1, notBefore: NOW });
    expect(isExpired({ ...after, attempts: 8 }, NOW + 30 * DAY + 1)).to.equal(true);
  });

  it('works with the other rules: due once the wait passes, not before', () => {
    const delay = retryDelay(3, undefined, always(0.5));
    const after = afterFailure({ storedAt: NOW, attempts: 2 }, delay, NOW);
    expect(isDue(after, NOW + delay - 1)).to.equal(false);
    expect(isDue(after, NOW + delay)).to.equal(true);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120')).to.equal(120);
    expect(parseRetryAfter('0')).to.equal(0);
    expect(parseRetryAfter(' 30 ')).to.equal(30);
  });

  it('reads an HTTP-date as the seconds from now until then', () => {
    const inFiveMinutes = new Date(Date.now() + 5 * MINUTE).toUTCString();
    expect(parseRetryAfter(inFiveMinutes)).to.be.within(298, 300);
  });

  it('never returns a negative wait', () => {
    expect(parseRetryAfter('-5')).to.equal(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).to.equal(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).to.equal(undefined);
    expect(parseRetryAfter('')).to.equal(undefined);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter('Infinity')).to.equal(undefined);
  });
});
