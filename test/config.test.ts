import { expect, fixture, html } from '@open-wc/testing';
import { clearOutbox, radios, $ } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept, ENDPOINT } from './helpers/msw.js';
import type { CsatSurveyElement } from '../src/element.js';
import type { CsatErrorDetail } from '../src/events.js';

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

/** What one mounted element did to the page: its console errors, its events, the page errors. */
interface Observed {
  el: CsatSurveyElement;
  logs: unknown[][];
  errors: Array<CustomEvent<CsatErrorDetail>>;
  /** csat-show events, live. */
  shows: Event[];
  pageErrors: unknown[];
}

const VALID: Record<string, string> = { type: 'nps', 'survey-id': 'config-test', endpoint: ENDPOINT };

let restoreConsole: (() => void) | undefined;
let stopListening: (() => void) | undefined;
afterEach(() => {
  restoreConsole?.();
  restoreConsole = undefined;
  stopListening?.();
  stopListening = undefined;
});

/**
 * Mounts a <csat-survey> with the valid attributes, overridden by `attributes` (null removes one),
 * then `setup` (for properties), and records everything it reports from its first render on.
 * console.error stays stubbed until the test ends (restored in afterEach).
 */
async function mount(
  attributes: Record<string, string | null> = {},
  setup: (el: CsatSurveyElement) => void = () => undefined,
): Promise<Observed> {
  const logs: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void logs.push(args);
  restoreConsole = () => (console.error = original);

  const pageErrors: unknown[] = [];
  const onError = (e: ErrorEvent) => pageErrors.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => pageErrors.push(e.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  stopListening = () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  };

  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('csat-survey');
  for (const [name, value] of Object.entries({ ...VALID, ...attributes })) {
    if (value !== null) el.setAttribute(name, value);
  }
  const errors: Array<CustomEvent<CsatErrorDetail>> = [];
  const shows: Event[] = [];
  el.addEventListener('csat-error', (e) => errors.push(e));
  el.addEventListener('csat-show', (e) => shows.push(e));
  let thrown: unknown;
  try {
    setup(el);
    container.append(el);
    await el.updateComplete;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'mounting threw into the page').to.equal(undefined);
  // Let any stray async work (a rejected promise, a late render) surface before judging.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { el, logs, errors, shows, pageErrors };
}

/** Everything in the shadow root except styles: what a visitor could see or reach. */
function rendered(el: CsatSurveyElement): Element[] {
  return [...el.shadowRoot!.querySelectorAll('*')].filter((node) => node.localName !== 'style');
}

interface BadCase {
  name: string;
  /** The attribute (or property) the message and the issue must name. */
  attribute: string;
  attributes?: Record<string, string | null>;
  setup?: (el: CsatSurveyElement) => void;
  /** How the bad value must appear in the message. */
  shows: string | RegExp;
  /** What the message must say is allowed. */
  allowed: RegExp;
}

const LONG_ID = 'a'.repeat(65);
const LONG_TOUCHPOINT = 't'.repeat(65);
const twentyOneKeys = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));

const BAD: BadCase[] = [
  {
    name: 'an unknown type',
    attribute: 'type',
    attributes: { type: 'star' },
    shows: '"star"',
    allowed: /nps.*csat.*ces/,
  },
  {
    name: 'a missing type',
    attribute: 'type',
    attributes: { type: null },
    shows: /missing/i,
    allowed: /nps.*csat.*ces/,
  },
  {
    name: 'a missing survey-id',
    attribute: 'survey-id',
    attributes: { 'survey-id': null },
    shows: /missing/i,
    allowed: /64/,
  },
  {
    name: 'a survey-id with upper case',
    attribute: 'survey-id',
    attributes: { 'survey-id': 'Home-NPS' },
    shows: '"Home-NPS"',
    allowed: /64/,
  },
  {
    name: 'a survey-id of 65 characters',
    attribute: 'survey-id',
    attributes: { 'survey-id': LONG_ID },
    shows: LONG_ID,
    allowed: /64/,
  },
  {
    name: 'a survey-id with spaces',
    attribute: 'survey-id',
    attributes: { 'survey-id': 'home nps' },
    shows: '"home nps"',
    allowed: /64/,
  },
  {
    name: 'an http: endpoint on another host',
    attribute: 'endpoint',
    attributes: { endpoint: 'http://example.com/x' },
    shows: '"http://example.com/x"',
    allowed: /https/,
  },
  {
    name: 'a javascript: endpoint',
    attribute: 'endpoint',
    attributes: { endpoint: 'javascript:alert(1)' },
    shows: '"javascript:alert(1)"',
    allowed: /https/,
  },
  {
    name: 'a protocol-relative endpoint',
    attribute: 'endpoint',
    attributes: { endpoint: '//evil.example/x' },
    shows: '"//evil.example/x"',
    allowed: /https/,
  },
  {
    name: 'a missing endpoint',
    attribute: 'endpoint',
    attributes: { endpoint: null },
    shows: /missing/i,
    allowed: /https/,
  },
  {
    name: 'an invalid lang',
    attribute: 'lang',
    attributes: { lang: '!!' },
    shows: '"!!"',
    allowed: /BCP 47|language tag/i,
  },
  {
    name: 'dir="sideways"',
    attribute: 'dir',
    attributes: { dir: 'sideways' },
    shows: '"sideways"',
    allowed: /ltr.*rtl|rtl.*ltr/,
  },
  {
    name: 'display="emoji"',
    attribute: 'display',
    attributes: { type: 'csat', display: 'emoji' },
    shows: '"emoji"',
    allowed: /numbers.*stars.*faces/,
  },
  {
    name: 'comment="maybe"',
    attribute: 'comment',
    attributes: { comment: 'maybe' },
    shows: '"maybe"',
    allowed: /off.*optional.*required/,
  },
  {
    name: 'theme="neon"',
    attribute: 'theme',
    attributes: { theme: 'neon' },
    shows: '"neon"',
    allowed: /light.*dark.*auto/,
  },
  {
    name: 'a touchpoint of 65 characters',
    attribute: 'touchpoint',
    attributes: { touchpoint: LONG_TOUCHPOINT },
    shows: LONG_TOUCHPOINT,
    allowed: /64/,
  },
  {
    name: 'metadata that is an array',
    attribute: 'metadata',
    setup: (el) => (el.metadata = ['plan', 'pro'] as never),
    shows: '["plan","pro"]',
    allowed: /20/,
  },
  {
    name: 'metadata with 21 keys',
    attribute: 'metadata',
    setup: (el) => (el.metadata = twentyOneKeys),
    shows: '"k0":0',
    allowed: /20/,
  },
  {
    name: 'metadata with a nested object',
    attribute: 'metadata',
    setup: (el) => (el.metadata = { user: { id: 7 } } as never),
    shows: '{"user":{"id":7}}',
    allowed: /flat/,
  },
  {
    name: 'metadata with a NaN value',
    attribute: 'metadata',
    setup: (el) => (el.metadata = { ratio: Number.NaN }),
    shows: 'NaN',
    allowed: /finite/,
  },
  {
    name: 'strings with an unknown key',
    attribute: 'strings',
    setup: (el) => (el.strings = { thankYou: 'Merci' } as never),
    shows: 'thankYou',
    allowed: /README|names/,
  },
  {
    name: 'headers with an invalid header name',
    attribute: 'headers',
    setup: (el) => (el.headers = { 'X Bad Header': 'x' }),
    shows: 'X Bad Header',
    allowed: /header/i,
  },
];

describe('bad configuration', () => {
  for (const bad of BAD) {
    it(`with ${bad.name}, shows nothing, logs one clear error, fires csat-error and throws nothing`, async () => {
      const { el, logs, errors, shows, pageErrors } = await mount(bad.attributes, bad.setup);

      expect(rendered(el), 'the shadow root should hold no survey').to.have.length(0);
      expect($(el, 'fieldset')).to.equal(null);
      expect(el.shadowRoot!.textContent!.trim()).to.equal('');
      expect(shows, 'csat-show fired for a survey that is not shown').to.have.length(0);

      expect(logs, 'console.error calls').to.have.length(1);
      const message = logs[0]!.map(String).join(' ');
      expect(message).to.include(bad.attribute);
      if (typeof bad.shows === 'string') expect(message).to.include(bad.shows);
      else expect(message).to.match(bad.shows);
      expect(message).to.match(bad.allowed);

      expect(errors, 'csat-error events').to.have.length(1);
      const { detail } = errors[0]!;
      expect(detail.code).to.equal('invalid-config');
      expect(detail.message).to.equal(message);
      const issue = detail.issues![0]!;
      expect(
        issue.attribute === bad.attribute || issue.attribute.startsWith(`${bad.attribute} `),
        issue.attribute,
      ).to.equal(true);
      expect(message).to.include(issue.allowed);
      expect(errors[0]!.bubbles && errors[0]!.composed, 'csat-error bubbles out of shadow roots').to.equal(true);

      expect(pageErrors, 'errors thrown into the page').to.deep.equal([]);
    });
  }

  it('names every bad attribute in its one message when several are wrong', async () => {
    const { logs, errors } = await mount({ type: 'star', theme: 'neon' });
    expect(logs).to.have.length(1);
    const message = String(logs[0]![0]);
    expect(message).to.include('type').and.to.include('"star"');
    expect(message).to.include('theme').and.to.include('"neon"');
    expect(errors[0]!.detail.issues!.map((i) => i.attribute)).to.have.members(['type', 'theme']);
  });

  it('shows configured text as text, never as HTML', async () => {
    const payload = '<img src=x onerror="window.__csatPwned=1"><b>bold</b>';
    const { el, logs } = await mount({ subject: payload, 'low-label': '<i>low</i>' });
    expect(logs).to.have.length(0);
    expect($(el, 'img')).to.equal(null);
    expect($(el, 'b')).to.equal(null);
    expect($(el, 'i')).to.equal(null);
    expect($(el, 'legend')!.textContent).to.include(payload);
    expect($(el, '#low-label')!.textContent).to.equal('<i>low</i>');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((window as { __csatPwned?: number }).__csatPwned).to.equal(undefined);
  });
});

describe('valid configuration', () => {
  it('renders the survey with no error logged and no csat-error', async () => {
    const { el, logs, errors, shows } = await mount({
      type: 'csat',
      touchpoint: 'checkout',
      theme: 'dark',
      lang: 'fa',
    });
    expect($(el, 'fieldset')).to.not.equal(null);
    expect(radios(el)).to.have.length(5);
    expect(logs).to.have.length(0);
    expect(errors).to.have.length(0);
    expect(shows).to.have.length(1);
  });

  for (const endpoint of [
    'https://collect.example.com/v1/responses',
    '/api/responses',
    'http://localhost:8787/v1/responses',
    'http://127.0.0.1:9/x',
  ]) {
    it(`accepts the endpoint ${endpoint}`, async () => {
      const { el, logs, errors } = await mount({ endpoint });
      expect(logs).to.have.length(0);
      expect(errors).to.have.length(0);
      expect(radios(el)).to.have.length(11);
    });
  }

  it('accepts values at the limits: a 64-character survey-id and touchpoint, 20 metadata keys', async () => {
    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i % 2 ? `v${i}` : i]));
    const { el, logs, errors } = await mount({ 'survey-id': 'a'.repeat(64), touchpoint: 't'.repeat(64) }, (e) => {
      e.metadata = twenty;
      e.strings = { thanks: 'Merci' };
      e.headers = { 'X-Site': 'shop' };
    });
    expect(logs).to.have.length(0);
    expect(errors).to.have.length(0);
    expect(radios(el)).to.have.length(11);
  });
});

describe('correcting a bad configuration', () => {
  it('renders the survey once a bad attribute is fixed at runtime', async () => {
    const { el, logs, errors, shows } = await mount({ type: 'star' });
    expect($(el, 'fieldset')).to.equal(null);
    el.setAttribute('type', 'ces');
    await el.updateComplete;
    expect(radios(el)).to.have.length(7);
    expect(shows).to.have.length(1);
    expect(logs).to.have.length(1);
    expect(errors).to.have.length(1);
  });

  it('renders the survey once a bad property is fixed at runtime', async () => {
    const { el } = await mount({}, (e) => (e.metadata = { ratio: Number.POSITIVE_INFINITY }));
    expect($(el, 'fieldset')).to.equal(null);
    el.metadata = { ratio: 0.5 };
    await el.updateComplete;
    expect(radios(el)).to.have.length(11);
  });

  it('does not log the same bad value twice when the element renders again', async () => {
    const { el, logs, errors } = await mount({ endpoint: 'http://example.com/x' });
    el.setAttribute('subject', 'the shop');
    await el.updateComplete;
    el.requestUpdate();
    await el.updateComplete;
    // A lang change anywhere in the page makes every survey render again.
    const pageLang = document.documentElement.getAttribute('lang');
    document.documentElement.setAttribute('lang', 'de');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
    if (pageLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', pageLang);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
    expect(logs).to.have.length(1);
    expect(errors).to.have.length(1);
    expect($(el, 'fieldset')).to.equal(null);
  });

  it('logs again when a different bad value replaces the first', async () => {
    const { el, logs, errors } = await mount({ endpoint: 'http://example.com/x' });
    el.setAttribute('endpoint', 'ftp://example.com/x');
    await el.updateComplete;
    expect(logs).to.have.length(2);
    expect(String(logs[1]![0])).to.include('"ftp://example.com/x"');
    expect(errors).to.have.length(2);
  });

  it('logs again when a value is broken again after being fixed', async () => {
    const { el, logs } = await mount({ theme: 'neon' });
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    expect($(el, 'fieldset')).to.not.equal(null);
    el.setAttribute('theme', 'neon');
    await el.updateComplete;
    expect($(el, 'fieldset')).to.equal(null);
    expect(logs).to.have.length(2);
  });
});
