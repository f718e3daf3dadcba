// Importing the package on a server (server rendering, Node tests) must not throw and must not touch
// a browser global: each case runs in a fresh Node process, importing the package by its own name as
// an application would, and reports what it found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BROWSER_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'history'];

/** Runs `body` (an ES module) in a fresh Node process in the project folder; returns its JSON output. */
function inNode(body) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', body], { cwd: root, encoding: 'utf8' });
  assert.equal(child.status, 0, `node exited ${child.status}\n${child.stderr}`);
  assert.equal(child.stderr, '', 'nothing written to stderr');
  return JSON.parse(child.stdout);
}

const probe = (specifier) => `
  const globals = ${JSON.stringify(BROWSER_GLOBALS)};
  const module = await import(${JSON.stringify(specifier)});
  const again = await import(${JSON.stringify(specifier)});
  console.log(JSON.stringify({
    exports: Object.keys(module).sort(),
    same: module.CsatSurveyElement === again.CsatSurveyElement,
    browserGlobals: globals.filter((name) => name in globalThis),
    registered: globalThis.customElements?.get('csat-survey') === module.CsatSurveyElement,
    eventIsEvent: new module.CsatAnswerEvent({ id: 'x' }) instanceof Event,
    eventType: new module.CsatAnswerEvent({ id: 'x' }).type,
  }));
`;

const EXPECTED_EXPORTS = [
  'CsatAnswerEvent',
  'CsatDeliveredEvent',
  'CsatDismissEvent',
  'CsatErrorEvent',
  'CsatShowEvent',
  'CsatSubmitEvent',
  'CsatSurveyElement',
  'clearStoredResponses',
  'configure',
  'deliveryStatus',
  'flush',
  'registerTranslation',
  'track',
];

test("import 'csat-survey' in Node: no throw, no browser global, nothing registered; the element, its events and functions", () => {
  const found = inNode(probe('csat-survey'));
  assert.deepEqual(found.exports, EXPECTED_EXPORTS);
  assert.deepEqual(found.browserGlobals, [], 'no browser global was created or read as present');
  assert.equal(found.same, true);
  // The survey renders only in the browser: a server has no registry, and nothing is made up for it.
  assert.equal(found.registered, false, 'nothing registered on a server');
  assert.equal(found.eventIsEvent, true);
  assert.equal(found.eventType, 'csat-answer');
});

test("import 'csat-survey/element' in Node: the same exports, and no tag registered", () => {
  const found = inNode(probe('csat-survey/element'));
  assert.deepEqual(found.exports, EXPECTED_EXPORTS);
  assert.deepEqual(found.browserGlobals, []);
  assert.equal(found.registered, false, 'csat-survey/element registers nothing');
});

test('flush, track, configure, clearStoredResponses and deliveryStatus are harmless on a server: nothing to send, nothing pending', () => {
  const found = inNode(`
    const { flush, deliveryStatus, track, configure } = await import('csat-survey/element');
    await flush();
    track('checkout');
    configure({ storage: 'answers' });
    const { clearStoredResponses } = await import('csat-survey/element');
    await clearStoredResponses();
    console.log(JSON.stringify({ status: deliveryStatus() }));
  `);
  assert.equal(found.status.pending, 0);
  assert.deepEqual(found.status.paused, []);
});

test("import 'csat-survey/lazy' in Node: no throw, no browser global, nothing registered, its functions harmless", () => {
  const found = inNode(`
    const globals = ${JSON.stringify(BROWSER_GLOBALS)};
    const lazy = await import('csat-survey/lazy');
    await lazy.flush();
    lazy.track('checkout');
    lazy.configure({ storage: 'none' });
    lazy.registerTranslation({ $code: 'de', $name: 'Deutsch', $dir: 'ltr' });
    await lazy.clearStoredResponses();
    console.log(JSON.stringify({
      exports: Object.keys(lazy).sort(),
      browserGlobals: globals.filter((name) => name in globalThis),
      registered: globalThis.customElements?.get('csat-survey') !== undefined,
      status: lazy.deliveryStatus(),
      eventType: new lazy.CsatAnswerEvent({ id: 'x' }).type,
    }));
  `);
  assert.deepEqual(found.exports, [
    'CsatAnswerEvent',
    'CsatDeliveredEvent',
    'CsatDismissEvent',
    'CsatErrorEvent',
    'CsatShowEvent',
    'CsatSubmitEvent',
    'clearStoredResponses',
    'configure',
    'deliveryStatus',
    'flush',
    'registerTranslation',
    'track',
    'whenDefined',
  ]);
  assert.deepEqual(found.browserGlobals, []);
  assert.equal(found.registered, false);
  assert.equal(found.status.pending, 0);
  assert.equal(found.eventType, 'csat-answer');
});
