// `csat-survey/lazy`: the script tag's two stages for apps. A page whose surveys are not due loads neither the
// element nor the delivery (the tag stays undefined and the survey is marked to end its reservation); a survey
// added later that is due loads both by import(), registers the tag, and its answer is kept and delivered.
// (No shared fixture here: those import the eager entry, which registers the tag.)
import { expect, waitUntil } from '@open-wc/testing';
import { startWorker, resetEndpoint, accept, received, ENDPOINT } from './helpers/msw.js';

before(startWorker);
beforeEach(() => {
  resetEndpoint(accept);
  localStorage.setItem('csat-survey-waiting', '0');
});
after(() => localStorage.removeItem('csat-survey-waiting'));

const add = (attributes: Record<string, string>): HTMLElement => {
  const el = document.createElement('csat-survey');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  return el;
};
const radios = (el: HTMLElement) => [...(el.shadowRoot?.querySelectorAll('input[type=radio]') ?? [])] as HTMLElement[];

it('loads nothing for a survey that is not due, then the element and delivery for one that is', async () => {
  const never = add({ type: 'nps', 'survey-id': 'lazy-never', endpoint: ENDPOINT, sample: '0' });
  const lazy = await import('../src/lazy.js');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(customElements.get('csat-survey') === undefined, 'registered for a survey that is not due').to.equal(true);
  expect(never.getAttribute('data-csat-survey')).to.equal('skip');
  expect(lazy.deliveryStatus().pending).to.equal(0);

  const due = add({ type: 'csat', 'survey-id': 'lazy-due', endpoint: ENDPOINT, comment: 'off' });
  await lazy.whenDefined();
  await waitUntil(() => radios(due).length === 5, 'the survey did not show');
  const answered = new Promise<CustomEvent<{ id: string }>>((resolve) =>
    due.addEventListener('csat-answer', (event) => resolve(event as CustomEvent<{ id: string }>), { once: true }),
  );
  radios(due)[3]!.click();
  const { detail } = await answered;
  await waitUntil(
    () => received.some((batch) => batch.responses.some((r) => r.id === detail.id)),
    'the answer was not delivered',
    { timeout: 10_000 },
  );
  expect(lazy.deliveryStatus().delivered).to.be.greaterThan(0);
  never.remove();
  due.remove();
  await lazy.clearStoredResponses();
});
