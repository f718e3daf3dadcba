// How the page's `headers` are merged into a request: names are case-insensitive (of two spellings the
// last wins) and the wire format's content type always wins over one given by the page.
import { expect } from '@open-wc/testing';
import { startWorker, resetEndpoint, accept, requests, ENDPOINT } from './helpers/msw.js';
import { hasCustomHeaders, postBatch, requestHeaders } from '../src/transport.js';
import { makeResponse } from './helpers/outbox.js';

before(startWorker);
beforeEach(() => resetEndpoint(accept));

const plain = (headers: Record<string, string>) => ({ ...headers });

describe('requestHeaders', () => {
  it('adds the wire content type to no headers', () => {
    expect(plain(requestHeaders(undefined))).to.deep.equal({ 'content-type': 'application/json' });
    expect(plain(requestHeaders({}))).to.deep.equal({ 'content-type': 'application/json' });
  });

  for (const name of ['Content-Type', 'CONTENT-TYPE', 'content-type', 'cOnTeNt-TyPe']) {
    it(`drops ${name} given by the page: the wire content type wins`, () => {
      expect(plain(requestHeaders({ [name]: 'text/plain', 'X-Key': 'k' }))).to.deep.equal({
        'x-key': 'k',
        'content-type': 'application/json',
      });
    });
  }

  it('merges two spellings of one name: the last wins', () => {
    expect(plain(requestHeaders({ 'X-Trace': 'first', 'x-trace': 'second' }))).to.deep.equal({
      'x-trace': 'second',
      'content-type': 'application/json',
    });
  });

  it('takes own headers only, whatever the page added to Object.prototype', () => {
    (Object.prototype as Record<string, unknown>).polluted = 'inherited';
    try {
      const headers = Object.create({ 'x-inherited': 'no' }) as Record<string, string>;
      headers['x-own'] = 'yes';
      expect(plain(requestHeaders(headers))).to.deep.equal({ 'x-own': 'yes', 'content-type': 'application/json' });
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it('tells custom headers (which a beacon cannot carry) from a content type alone', () => {
    expect(hasCustomHeaders(undefined)).to.equal(false);
    expect(hasCustomHeaders({ 'Content-Type': 'application/json' })).to.equal(false);
    expect(hasCustomHeaders({ 'X-Key': 'k' })).to.equal(true);
  });
});

describe('postBatch headers on the wire', () => {
  const cases: Array<Record<string, string>> = [
    { 'Content-Type': 'application/json' },
    { 'CONTENT-TYPE': 'text/plain', 'X-Key': 'k' },
  ];
  for (const headers of cases) {
    it(`sends one content type with ${JSON.stringify(headers)}`, async () => {
      const result = await postBatch(ENDPOINT, [makeResponse()], headers);
      expect(result.status).to.equal(204);
      expect(requests).to.have.length(1);
      expect(requests[0]!.headers.get('content-type')).to.equal('application/json');
      if ('X-Key' in headers) expect(requests[0]!.headers.get('x-key')).to.equal('k');
    });
  }
});
