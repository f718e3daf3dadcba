// The configuration check is written by hand (a host page can break a schema library while it loads);
// it must give the verdicts the zod/mini schema it replaced gave. That schema is kept here, as it was,
// and both judge the same random inputs. Also: object properties that throw when read, or Proxies,
// are configuration errors, never exceptions in the page.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { isAllowedEndpoint, validateConfig, type SurveyInput } from '../src/config.js';
import { SURVEY_TYPES } from '../src/scales.js';
import { SURVEY_ID, isMetadata, isStringMap } from '../src/metadata.js';
import { isLanguageTag } from '../src/localize.js';
import { isStringKey, type Strings } from '../src/i18n/translation.js';
import { parseTrigger } from '../src/triggers.js';
import '../src/index.js';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
const text = z.optional(z.string().check(z.maxLength(1000)));
const days = z.custom<number>((v) => typeof v === 'number' && v >= 0 && v <= 3650);

/** The schema of the previous version, word for word (plus `afterAnswer`, `storage` and `respectCooldown`, added since). */
const zodSchema = z.object({
  type: z.enum(SURVEY_TYPES),
  surveyId: z.string().check(z.regex(SURVEY_ID)),
  endpoint: z.string().check(z.refine(isAllowedEndpoint)),
  lang: z.optional(z.string().check(z.refine(isLanguageTag))),
  dir: z.optional(z.enum(['ltr', 'rtl'])),
  subject: text,
  question: text,
  lowLabel: text,
  highLabel: text,
  followUp: text,
  thanks: text,
  display: z.enum(['numbers', 'stars', 'faces']),
  comment: z.enum(['off', 'optional', 'required']),
  touchpoint: z.optional(z.string().check(z.maxLength(64))),
  theme: z.enum(['light', 'dark', 'auto']),
  includeQuery: z.boolean(),
  metadata: z.optional(z.custom<Record<string, string | number | boolean>>(isMetadata)),
  strings: z.optional(z.custom<Strings>((v) => isStringMap(v, isStringKey))),
  headers: z.optional(z.custom<Record<string, string>>((v) => isStringMap(v, (k) => HEADER_NAME.test(k)))),
  mode: z.enum(['inline', 'popover']),
  position: z.enum(['bottom-end', 'bottom-start', 'top-end', 'top-start']),
  trigger: z.string().check(z.refine((v) => !!parseTrigger(v))),
  sample: z.custom<number>((v) => typeof v === 'number' && v >= 0 && v <= 1),
  recontactDays: days,
  dismissDays: days,
  afterAnswer: z.enum(['hide', 'thanks']),
  storage: z.optional(z.enum(['full', 'answers', 'none'])),
  respectCooldown: z.boolean(),
});

type Input = Record<keyof SurveyInput, unknown>;

const VALID: Input = {
  type: 'nps',
  surveyId: 'parity',
  endpoint: '/collect',
  lang: undefined,
  dir: undefined,
  subject: undefined,
  question: undefined,
  lowLabel: undefined,
  highLabel: undefined,
  followUp: undefined,
  thanks: undefined,
  display: 'numbers',
  comment: 'optional',
  touchpoint: undefined,
  theme: 'auto',
  includeQuery: false,
  metadata: undefined,
  strings: undefined,
  headers: undefined,
  mode: 'inline',
  position: 'bottom-end',
  trigger: 'load',
  sample: 1,
  recontactDays: 90,
  dismissDays: 7,
  afterAnswer: 'hide',
  storage: undefined,
  respectCooldown: false,
};

/** Values any input may get: right ones for some inputs, wrong ones for others. */
const ANY = [
  undefined,
  null,
  '',
  'nps',
  'ces',
  'x'.repeat(65),
  'x'.repeat(1001),
  'fa',
  'en-US',
  'not a tag!',
  'rtl',
  'stars',
  'required',
  'dark',
  'popover',
  'answers',
  'none',
  'top-start',
  'delay:5s',
  'scroll:101%',
  'event:bought',
  'https://collect.example/v1',
  'http://example.com/x',
  'http://localhost:8787/v1',
  '//evil.example',
  '/responses',
  'home-nps',
  'Home-NPS',
  'hide',
  'thanks',
  0,
  0.5,
  1,
  2,
  -1,
  3650,
  3651,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  {},
  { plan: 'pro', seats: 3, beta: true },
  { nested: { no: 1 } },
  { thanks: 'Merci' },
  { thankYou: 'Merci' },
  { 'X-Key': 'k' },
  { 'X Bad': 'k' },
  { ratio: Number.NaN },
];

const input = fc.record(
  Object.fromEntries(
    Object.keys(VALID).map((key) => [key, fc.oneof(fc.constant(VALID[key as keyof Input]), fc.constantFrom(...ANY))]),
  ) as Record<keyof Input, fc.Arbitrary<unknown>>,
);

/** The inputs zod found wrong, in order, as the previous version named them. */
function zodVerdict(value: Input): string[] {
  const result = zodSchema.safeParse(value);
  if (result.success) return [];
  const keys: string[] = [];
  for (const issue of result.error.issues) {
    const key = String(issue.path[0]);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

const attributeOf = (key: string) =>
  ['metadata', 'strings', 'headers'].includes(key)
    ? `${key} (property)`
    : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('the hand-written configuration check', () => {
  it('gives the verdicts of the zod/mini schema it replaced, input by input (property test)', () => {
    fc.assert(
      fc.property(input, (value) => {
        const ours = validateConfig(value);
        const expected = zodVerdict(value);
        const found = ours.ok ? [] : ours.issues.map((i) => i.attribute);
        expect(found).to.deep.equal(expected.map(attributeOf));
        if (ours.ok) {
          const parsed = zodSchema.safeParse(value);
          expect({ ...ours.config }).to.deep.equal(parsed.data);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same verdicts on a page that added enumerable properties to Object.prototype', () => {
    (Object.prototype as Record<string, unknown>).polluted = 'inherited';
    try {
      expect(validateConfig(VALID).ok).to.equal(true);
      expect(validateConfig({ ...VALID, metadata: { plan: 'pro' } }).ok).to.equal(true);
      expect(validateConfig({ ...VALID, headers: { 'X-Key': 'k' } }).ok).to.equal(true);
      const bad = validateConfig({ ...VALID, type: 'star' });
      expect(bad.ok).to.equal(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it('copies metadata, strings and headers into plain objects, once', () => {
    let reads = 0;
    const metadata = {
      get plan() {
        reads++;
        return 'pro';
      },
    };
    const result = validateConfig({ ...VALID, metadata });
    expect(result.ok).to.equal(true);
    expect(reads).to.equal(1);
    const config = result.ok ? result.config : undefined;
    expect(config!.metadata).to.not.equal(metadata);
    expect({ ...config!.metadata }).to.deep.equal({ plan: 'pro' });
    expect(reads, 'the copy is a plain value, not the getter').to.equal(1);
  });

  const UNREADABLE: Array<[string, () => unknown]> = [
    [
      'a getter that throws',
      () => ({
        get plan(): string {
          throw new Error('boom');
        },
      }),
    ],
    [
      'a Proxy whose ownKeys throws',
      () =>
        new Proxy(
          {},
          {
            ownKeys() {
              throw new TypeError('no keys');
            },
          },
        ),
    ],
    [
      'a Proxy whose get throws',
      () =>
        new Proxy(
          { plan: 'pro' },
          {
            get() {
              throw new Error('no reading');
            },
          },
        ),
    ],
    [
      'a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
    ],
  ];

  for (const [name, make] of UNREADABLE) {
    for (const key of ['metadata', 'strings', 'headers'] as const) {
      it(`${key} that is ${name}: an invalid configuration, not an exception`, () => {
        let result: ReturnType<typeof validateConfig> | undefined;
        expect(() => (result = validateConfig({ ...VALID, [key]: make() }))).to.not.throw();
        expect(result!.ok).to.equal(false);
        if (result!.ok) return;
        expect(result!.issues.map((i) => i.attribute)).to.deep.equal([`${key} (property)`]);
        expect(result!.message).to.include(`${key} (property) = (an object that throws when read:`);
      });
    }
  }

  it('keeps a well-behaved Proxy as a plain copy', () => {
    const metadata = new Proxy({ plan: 'pro' } as Record<string, string>, {});
    const result = validateConfig({ ...VALID, metadata });
    expect(result.ok).to.equal(true);
    if (result.ok) expect({ ...result.config.metadata }).to.deep.equal({ plan: 'pro' });
  });
});

describe('an element whose metadata throws when read', () => {
  it('renders nothing and fires csat-error invalid-config; nothing reaches the page', async () => {
    const pageErrors: unknown[] = [];
    const onError = (e: ErrorEvent) => pageErrors.push(e.error ?? e.message);
    const onRejection = (e: PromiseRejectionEvent) => pageErrors.push(e.reason);
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onRejection);
    const original = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => void logged.push(args);
    const el = document.createElement('csat-survey');
    try {
      el.setAttribute('type', 'nps');
      el.setAttribute('survey-id', 'throwing-metadata');
      el.setAttribute('endpoint', '/api/responses');
      el.metadata = {
        get plan(): string {
          throw new Error('boom');
        },
      };
      const errors: Array<CustomEvent<{ code: string; message: string }>> = [];
      el.addEventListener('csat-error', (e) => errors.push(e as CustomEvent<{ code: string; message: string }>));
      document.body.append(el);
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(pageErrors).to.deep.equal([]);
      expect(errors.map((e) => e.detail.code)).to.deep.equal(['invalid-config']);
      expect(errors[0]!.detail.message).to.include('metadata (property)').and.to.include('Error: boom');
      expect(el.shadowRoot!.querySelector('input')).to.equal(null);
      expect(logged).to.have.length(1);
    } finally {
      console.error = original;
      el.remove();
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onRejection);
    }
  });
});
