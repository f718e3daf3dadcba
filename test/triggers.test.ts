// When a popover survey appears: each trigger, and single-page-app route changes, in real Chromium.
import { expect, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { track } from '../src/triggers.js';
import { configure } from '../src/page-configure.js';
import { clearOutbox, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept } from './helpers/msw.js';
import { mount, unmountAll, forget, isOpen, idle } from './helpers/popover.js';

const ID = 'trigger-survey';
const OTHER = 'trigger-survey-other';
/** Every test tracks its own event names: a tracked name counts for the rest of the page. */
let unique = 0;
const eventName = (base: string) => `${base}-${Date.now()}-${++unique}`;

let clock: sinon.SinonFakeTimers | undefined;
const startUrl = location.href;

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
  await forget(ID, OTHER);
});
afterEach(() => {
  clock?.restore();
  clock = undefined;
  unmountAll();
  if (location.href !== startUrl) history.replaceState(null, '', startUrl);
});

/** Fakes the timers the delay uses; the visitor state is read first, with the real clock. */
function fakeClock(): sinon.SinonFakeTimers {
  clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.now() });
  return clock;
}

/** Lets the element render what the clock just did. */
async function after(el: HTMLElement & { updateComplete: Promise<boolean> }): Promise<void> {
  await el.updateComplete;
  await idle(0);
  await el.updateComplete;
}

describe('trigger="load"', () => {
  it('shows the popover at once and fires csat-show', async () => {
    const el = document.createElement('csat-survey');
    const shown = oneEvent(el, 'csat-show');
    for (const [k, v] of Object.entries({ type: 'nps', 'survey-id': ID, endpoint: '/api/responses' }))
      el.setAttribute(k, v);
    el.setAttribute('mode', 'popover');
    el.setAttribute('trigger', 'load');
    document.body.append(el);
    try {
      expect((await shown).detail.surveyId).to.equal(ID);
      await el.updateComplete;
      expect(isOpen(el)).to.equal(true);
    } finally {
      el.remove();
    }
  });
});

describe('trigger="delay:2s"', () => {
  it('shows the popover after two seconds, not before', async () => {
    const c = fakeClock();
    const el = await mount({ 'survey-id': ID, trigger: 'delay:2s' });
    await after(el);
    expect(isOpen(el), 'at once').to.equal(false);
    c.tick(1999);
    await after(el);
    expect(isOpen(el), 'at 1.999 s').to.equal(false);
    c.tick(1);
    await after(el);
    expect(isOpen(el), 'at 2 s').to.equal(true);
  });

  it('a removed element never shows its pending delay', async () => {
    const c = fakeClock();
    const el = await mount({ 'survey-id': ID, trigger: 'delay:2s' });
    let shown = false;
    el.addEventListener('csat-show', () => (shown = true));
    el.remove();
    c.tick(5000);
    await idle(0);
    expect(shown).to.equal(false);
    expect(el.shadowRoot!.querySelector('.popover')).to.equal(null);
  });
});

describe('trigger="scroll:50%"', () => {
  let spacer: HTMLElement | undefined;
  afterEach(() => {
    window.scrollTo(0, 0);
    spacer?.remove();
  });

  async function scrollTo(y: number): Promise<void> {
    const scrolled = oneEvent(window, 'scroll');
    window.scrollTo(0, y);
    await scrolled;
    await idle(0);
  }

  it('shows the popover once half the page has been scrolled', async () => {
    spacer = document.createElement('div');
    spacer.style.blockSize = '4000px';
    document.body.append(spacer);
    window.scrollTo(0, 0);
    const el = await mount({ 'survey-id': ID, trigger: 'scroll:50%' });
    const room = document.documentElement.scrollHeight - innerHeight;
    expect(room, 'the page can scroll').to.be.greaterThan(1000);
    await idle();
    expect(isOpen(el), 'at the top').to.equal(false);
    await scrollTo(Math.round(room * 0.3));
    await el.updateComplete;
    expect(isOpen(el), 'at 30 %').to.equal(false);
    await scrollTo(Math.round(room * 0.6));
    await el.updateComplete;
    expect(isOpen(el), 'at 60 %').to.equal(true);
  });
});

describe('trigger="exit"', () => {
  const leave = (clientY: number) =>
    document.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientX: 200, clientY, relatedTarget: null }));

  it('shows the popover when the pointer leaves through the top edge, not lower down', async () => {
    const el = await mount({ 'survey-id': ID, trigger: 'exit' });
    leave(300);
    await el.updateComplete;
    expect(isOpen(el), 'leaving at y = 300').to.equal(false);
    leave(0);
    await el.updateComplete;
    expect(isOpen(el), 'leaving at y = 0').to.equal(true);
  });
});

describe('trigger="event:<name>"', () => {
  it('shows the popover when track(name) is called, and not for another name', async () => {
    const name = eventName('bought');
    const el = await mount({ 'survey-id': ID, trigger: `event:${name}` });
    expect(isOpen(el)).to.equal(false);
    track(eventName('other'));
    await el.updateComplete;
    expect(isOpen(el), 'another event').to.equal(false);
    track(name);
    await el.updateComplete;
    expect(isOpen(el), 'its event').to.equal(true);
  });

  it('a name tracked before the survey was armed shows it at once', async () => {
    const name = eventName('signed-up');
    track(name);
    const el = await mount({ 'survey-id': ID, trigger: `event:${name}` });
    expect(isOpen(el)).to.equal(true);
  });
});

describe('trigger="manual"', () => {
  it('shows only when show() is called', async () => {
    const el = await mount({ 'survey-id': ID, trigger: 'manual' });
    document.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: 0, relatedTarget: null }));
    track('manual');
    await idle();
    expect(isOpen(el)).to.equal(false);
    el.show();
    await idle(0);
    await el.updateComplete;
    expect(isOpen(el)).to.equal(true);
  });
});

describe('single-page-app route changes', () => {
  it('history.pushState cancels a pending delay and arms it again for the new route', async () => {
    const c = fakeClock();
    const el = await mount({ 'survey-id': ID, trigger: 'delay:2s' });
    c.tick(1000);
    history.pushState({}, '', '/spa/other-page');
    c.tick(1500); // 2.5 s after load: past the first page's delay
    await after(el);
    expect(isOpen(el), 'the old delay was cancelled').to.equal(false);
    c.tick(499);
    await after(el);
    expect(isOpen(el), '1.999 s on the new route').to.equal(false);
    c.tick(1);
    await after(el);
    expect(isOpen(el), '2 s on the new route').to.equal(true);
  });

  it('a hashchange to a route (#/x) cancels a pending delay and arms it again', async () => {
    const c = fakeClock();
    const el = await mount({ 'survey-id': ID, trigger: 'delay:2s' });
    c.tick(1000);
    const changed = oneEvent(window, 'hashchange');
    location.hash = '#/x';
    await changed;
    c.tick(1500);
    await after(el);
    expect(isOpen(el), 'the old delay was cancelled').to.equal(false);
    c.tick(500);
    await after(el);
    expect(isOpen(el), '2 s on the new route').to.equal(true);
  });

  it("a route change is a new page view: a second popover may show there (within the visit's limit), not before", async () => {
    configure({ popoversPerVisit: 2 });
    const first = await mount({ 'survey-id': ID });
    const second = await mount({ 'survey-id': OTHER, trigger: 'manual' });
    expect(isOpen(first)).to.equal(true);
    second.show();
    await idle();
    expect(isOpen(second), 'one popover per page view').to.equal(false);
    history.pushState({}, '', '/spa/third-page');
    second.show();
    await waitFor(() => isOpen(second), 'the second shows on the new route');
  });

  it('a name tracked on the previous route no longer counts on the new one', async () => {
    const name = eventName('viewed');
    track(name);
    history.pushState({}, '', '/spa/next-page');
    const el = await mount({ 'survey-id': ID, trigger: `event:${name}` });
    await idle();
    expect(isOpen(el)).to.equal(false);
    track(name);
    await el.updateComplete;
    expect(isOpen(el)).to.equal(true);
  });
});
