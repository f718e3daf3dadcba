// The custom-elements manifest (dist/custom-elements.json, generated from the source by the build) against
// the element itself: every attribute, property, method, event, part and CSS custom property the element
// has is listed and described, and nothing listed is missing from the element.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CsatSurveyElement } from '../src/element.js';
import type { CsatSurveyEventMap } from '../src/element.js';
import { survey, clearOutbox, radios, $, $$, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept } from './helpers/msw.js';
import { forget, mount, unmountAll } from './helpers/popover.js';

interface Described {
  name: string;
  description?: string;
}
interface Member extends Described {
  kind: 'field' | 'method';
  static?: boolean;
  privacy?: string;
  attribute?: string;
}
interface Declaration extends Described {
  tagName: string;
  customElement: boolean;
  attributes: Array<Described & { fieldName?: string }>;
  members: Member[];
  events: Array<Described & { type?: { text: string } }>;
  cssParts: Described[];
  cssProperties: Array<Described & { default?: string }>;
  slots: Described[];
}
interface Manifest {
  schemaVersion: string;
  modules: Array<{ path: string; declarations: Declaration[]; exports: Array<{ kind: string; name: string }> }>;
}

let manifest: Manifest;
let element: Declaration;

before(async () => {
  await startWorker();
  const answer = await fetch('/dist/custom-elements.json');
  expect(answer.ok, 'dist/custom-elements.json is built (npm run build)').to.equal(true);
  manifest = (await answer.json()) as Manifest;
  const found = manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'csat-survey');
  expect(found, 'the manifest declares <csat-survey>').to.not.equal(undefined);
  element = found!;
});
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

const names = (list: Described[]) => list.map((x) => x.name).sort();
const sorted = (list: Iterable<string>) => [...new Set(list)].sort();

/** Every `part` token in the element's shadow root right now. */
const partsIn = (el: Element) => $$(el, '[part]').flatMap((node) => node.getAttribute('part')!.split(/\s+/));

describe('custom-elements manifest', () => {
  it('declares the tag, its class and a definition export, with a summary', () => {
    expect(manifest.schemaVersion).to.match(/^\d+\.\d+\.\d+$/);
    expect(element.customElement).to.equal(true);
    expect(element.name).to.equal('CsatSurveyElement');
    const exports = manifest.modules.flatMap((m) => m.exports);
    expect(exports.some((e) => e.kind === 'custom-element-definition' && e.name === 'csat-survey')).to.equal(true);
    expect(exports.some((e) => e.kind === 'js' && e.name === 'CsatSurveyElement')).to.equal(true);
  });

  it('lists exactly the attributes the element observes', () => {
    const observed = (CsatSurveyElement as unknown as { observedAttributes: string[] }).observedAttributes;
    expect(names(element.attributes)).to.deep.equal(sorted(observed));
  });

  it('lists exactly the public properties (reactive, not internal state) as fields, with their attributes', () => {
    const declared = [...CsatSurveyElement.elementProperties]
      .filter(([, options]) => !options.state)
      .map(([name]) => String(name));
    const fields = element.members.filter((m) => m.kind === 'field' && !m.static);
    expect(names(fields)).to.deep.equal(sorted(declared));
    for (const [name, options] of CsatSurveyElement.elementProperties) {
      if (options.state) continue;
      const field = fields.find((f) => f.name === name)!;
      const attribute =
        options.attribute === false
          ? undefined
          : typeof options.attribute === 'string'
            ? options.attribute
            : String(name).toLowerCase();
      expect(field.attribute, `the attribute of ${String(name)}`).to.equal(attribute);
    }
    // Property-only inputs have no attribute.
    for (const name of ['metadata', 'strings', 'headers']) {
      expect(fields.find((f) => f.name === name)?.attribute, name).to.equal(undefined);
    }
  });

  it('lists the public methods, and they exist on the element', () => {
    const methods = element.members.filter((m) => m.kind === 'method');
    expect(names(methods.filter((m) => !m.static))).to.deep.equal(['flush', 'hide', 'reset', 'show']);
    expect(names(methods.filter((m) => m.static))).to.deep.equal(['define']);
    for (const { name } of methods.filter((m) => !m.static)) {
      expect(typeof (CsatSurveyElement.prototype as unknown as Record<string, unknown>)[name], name).to.equal(
        'function',
      );
    }
    expect(typeof CsatSurveyElement.define).to.equal('function');
  });

  it('lists exactly the events the element fires, each with its class', async () => {
    const all: Array<keyof CsatSurveyEventMap> = [
      'csat-show',
      'csat-answer',
      'csat-submit',
      'csat-dismiss',
      'csat-delivered',
      'csat-error',
    ];
    const seen = new Set<string>();
    const listener = (event: Event) => seen.add(event.type);
    for (const name of all) document.addEventListener(name, listener);
    // Every csat-* event dispatched anywhere on the page is seen, even one missing from the list above.
    const dispatch = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
      if (event.type.startsWith('csat-')) seen.add(event.type);
      return dispatch.call(this, event);
    };
    try {
      const answered = await survey({ type: 'csat', comment: 'off', surveyId: 'manifest-events' });
      radios(answered)[4]!.click();
      await waitFor(() => seen.has('csat-delivered'), 'csat-delivered never came');
      const closed = await survey({ type: 'nps', surveyId: 'manifest-dismiss' });
      $<HTMLButtonElement>(closed, '[part~="close"]')!.click();
      const broken = document.createElement('csat-survey');
      broken.setAttribute('type', 'nope');
      document.body.append(broken);
      await waitFor(() => seen.has('csat-error') && seen.has('csat-dismiss'), 'csat-error or csat-dismiss never came');
      broken.remove();
    } finally {
      EventTarget.prototype.dispatchEvent = dispatch;
      for (const name of all) document.removeEventListener(name, listener);
    }
    expect(names(element.events)).to.deep.equal(sorted(seen));
    expect(names(element.events)).to.deep.equal(sorted(all));
    for (const event of element.events) {
      expect(event.type?.text, event.name).to.match(/^Csat[A-Za-z]+Event$/);
    }
  });

  it('lists exactly the parts found in the shadow DOM across types, displays, phases and modes', async () => {
    const found = new Set<string>();
    for (const [type, display] of [
      ['nps', undefined],
      ['ces', undefined],
      ['csat', 'numbers'],
      ['csat', 'stars'],
      ['csat', 'faces'],
    ] as const) {
      const comment = type === 'nps' ? 'optional' : 'required';
      const el = await survey({ type, display, comment, surveyId: `manifest-parts-${type}` });
      partsIn(el).forEach((p) => found.add(p));
      // The arrow keys show the Next button; choosing shows the follow-up form.
      radios(el)[0]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      partsIn(el).forEach((p) => found.add(p));
      radios(el)[1]!.click();
      await waitFor(() => $(el, 'textarea') !== null, 'no follow-up form');
      partsIn(el).forEach((p) => found.add(p));
      if (comment === 'optional') {
        $<HTMLButtonElement>(el, '[part~="skip"]')!.click();
      } else {
        // An empty required comment shows the error.
        $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
        await el.updateComplete;
        partsIn(el).forEach((p) => found.add(p));
        $<HTMLTextAreaElement>(el, 'textarea')!.value = 'fine';
        $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(new Event('input'));
        $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
      }
      await waitFor(() => $(el, '[part~="status"]')?.textContent?.trim() !== '', 'no thank-you');
      partsIn(el).forEach((p) => found.add(p));
    }
    await forget('manifest-popover');
    const popover = await mount({ 'survey-id': 'manifest-popover', trigger: 'manual' });
    popover.show();
    await popover.updateComplete;
    partsIn(popover).forEach((p) => found.add(p));
    unmountAll();
    expect(names(element.cssParts)).to.deep.equal(sorted(found));
  });

  it('lists exactly the --csat-* custom properties the styles read', () => {
    const css = CsatSurveyElement.elementStyles
      .map((style) => ('cssText' in style ? style.cssText : [...style.cssRules].map((r) => r.cssText).join('\n')))
      .join('\n');
    const used = css.match(/--csat-[a-z-]+/g) ?? [];
    expect(used.length).to.be.greaterThan(0);
    expect(names(element.cssProperties)).to.deep.equal(sorted(used));
  });

  it('has no slots, as the element renders none', () => {
    expect(element.slots).to.deep.equal([]);
    const el = document.createElement('csat-survey');
    expect(el.shadowRoot?.querySelector('slot') ?? null).to.equal(null);
  });

  it('describes every attribute, property, method, event, part and custom property', () => {
    const entries: Array<[string, Described]> = [
      ...element.attributes.map((x): [string, Described] => ['attribute', x]),
      ...element.members.map((x): [string, Described] => [x.kind, x]),
      ...element.events.map((x): [string, Described] => ['event', x]),
      ...element.cssParts.map((x): [string, Described] => ['part', x]),
      ...element.cssProperties.map((x): [string, Described] => ['custom property', x]),
    ];
    const undocumented = entries.filter(([, x]) => !x.description?.trim()).map(([kind, x]) => `${kind} ${x.name}`);
    expect(undocumented).to.deep.equal([]);
  });
});
