// Boolean attributes mean what they say: `include-query="false"` (what Vue, Svelte and Angular write for a
// binding that is false) is off, and so is no attribute; a bare attribute or any other value is on.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { booleanAttribute } from '../src/attribute-converters.js';
import { survey, clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept } from './helpers/msw.js';
import type { CsatSurveyElement } from '../src/element.js';
import type { SurveyResponse } from '../src/wire.js';

const fromAttribute = (value: string | null) => booleanAttribute.fromAttribute!(value, Boolean);

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

describe('a Boolean attribute', () => {
  it('is false when absent or "false" in any letter case, true otherwise', () => {
    for (const value of [null, 'false', 'FALSE', 'False', 'fAlSe'])
      expect(fromAttribute(value), String(value)).to.equal(false);
    for (const value of ['', 'true', 'include-query', '0', 'no', 'off', ' false']) {
      expect(fromAttribute(value), JSON.stringify(value)).to.equal(true);
    }
  });

  it('is written back as a bare attribute when true and removed when false', () => {
    expect(booleanAttribute.toAttribute!(true, Boolean)).to.equal('');
    expect(booleanAttribute.toAttribute!(false, Boolean)).to.equal(null);
  });

  it('sets includeQuery as the attribute changes, and the property still wins when set last', async () => {
    const el = await fixture<CsatSurveyElement>(
      html`<csat-survey type="nps" survey-id="bool" endpoint="/api/responses" include-query="false"></csat-survey>`,
    );
    expect(el.includeQuery).to.equal(false);
    el.setAttribute('include-query', '');
    expect(el.includeQuery).to.equal(true);
    el.setAttribute('include-query', 'False');
    expect(el.includeQuery).to.equal(false);
    el.setAttribute('include-query', 'true');
    expect(el.includeQuery).to.equal(true);
    el.removeAttribute('include-query');
    expect(el.includeQuery).to.equal(false);
    el.includeQuery = true;
    expect(el.includeQuery).to.equal(true);
    expect(el.hasAttribute('include-query')).to.equal(false, 'the property is not reflected');
  });
});

describe('include-query and the page URL sent', () => {
  const query = '?utm_source=review&secret=1';
  let before = '';
  beforeEach(() => {
    before = location.href;
    history.replaceState(null, '', location.pathname + query);
  });
  afterEach(() => history.replaceState(null, '', before));

  async function answer(value: string | null): Promise<SurveyResponse> {
    const el = await survey({ surveyId: 'include-query' });
    if (value === null) el.removeAttribute('include-query');
    else el.setAttribute('include-query', value);
    await el.updateComplete;
    const answered = oneEvent(el, 'csat-answer');
    radios(el)[9]!.click();
    return ((await answered) as CustomEvent<SurveyResponse>).detail;
  }
  const sentUrl = async (value: string | null) => (await answer(value)).page.url;

  for (const value of [null, 'false', 'FALSE']) {
    it(`leaves the query string out with ${value === null ? 'no attribute' : `include-query="${value}"`}`, async () => {
      expect(await sentUrl(value)).to.equal(location.origin + location.pathname);
    });
  }

  for (const value of ['', 'true']) {
    it(`sends the query string with include-query="${value}"`, async () => {
      expect(await sentUrl(value)).to.equal(location.origin + location.pathname + query);
    });
  }

  it('posts the page URL the event carried', async () => {
    const { id } = await answer('false');
    const posted = () => received.flatMap((batch) => batch.responses).find((response) => response.id === id);
    await waitFor(posted, 'the answer was never posted');
    expect(posted()!.page.url).to.equal(location.origin + location.pathname);
  });
});
