// The README's code blocks are all marked (CONTRIBUTING.md, "README snippets"), and the CSP it
// documents allows the inline stubs it hands out. test/e2e/readme-snippets.test.mjs runs them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CHECKERS,
  NOT_RUN,
  cspSources,
  hashSource,
  httpHeaders,
  inlineScripts,
  parseMarker,
  readmeBlocks,
  root,
  where,
} from '../e2e/snippets.mjs';

const blocks = readmeBlocks();

test('every code block of the README has a valid snippet marker', () => {
  const problems = blocks.filter((b) => b.problem).map((b) => `${where(b)}: ${b.problem}`);
  assert.deepEqual(problems, [], `see CONTRIBUTING.md, "README snippets":\n${problems.join('\n')}`);
  const byStatus = {};
  for (const b of blocks) byStatus[b.marker.status] = (byStatus[b.marker.status] ?? 0) + 1;
  assert.ok(byStatus.check > 0, 'some blocks are checked');
  for (const b of blocks.filter((b) => NOT_RUN.includes(b.marker.status) || b.marker.status === 'pending')) {
    assert.ok(b.marker.reason.length > 5, `${where(b)} says why it is ${b.marker.status}`);
  }
});

test('markers are read as documented', () => {
  assert.deepEqual(parseMarker('check'), { status: 'check', options: {}, flags: new Set(), reason: '' });
  assert.deepEqual(parseMarker('check name=page shows="How was it?" receiver'), {
    status: 'check',
    options: { name: 'page', shows: 'How was it?' },
    flags: new Set(['receiver']),
    reason: '',
  });
  assert.deepEqual(parseMarker('pending props="plan=pro"; needs X; and Y'), {
    status: 'pending',
    options: { props: 'plan=pro' },
    flags: new Set(),
    reason: 'needs X; and Y',
  });
  assert.throws(() => parseMarker('fragment'), /needs a reason/);
  assert.throws(() => parseMarker('runnable'), /unknown status/);
  const md =
    '<!-- snippet: check -->\n\n```js\nlet a;\n```\n\n```css\na {}\n```\n<!-- snippet: check -->\n```yaml\na: 1\n```\n';
  assert.deepEqual(
    readmeBlocks(md).map((b) => [b.line, b.lang, b.code, b.problem]),
    [
      [3, 'js', 'let a;\n', undefined],
      [7, 'css', 'a {}\n', 'no <!-- snippet: … --> marker on the line before it'],
      [11, 'yaml', 'a: 1\n', 'nothing checks "yaml": mark it fragment, illustration or skip'],
    ],
  );
  assert.ok(Object.keys(CHECKERS).includes('svelte'));
});

test("the README's Content-Security-Policy allows exactly the stubs it hands out, by hash", () => {
  const http = blocks.filter((b) => b.lang === 'http' && b.marker?.options.page);
  assert.ok(http.length > 0, 'the CSP section has a checked header block');
  // The snippet builder hands out its own one-line stub.
  const builder = readFileSync(`${root}demo/builder.ts`, 'utf8');
  const builderStub = /const STUB =\s*"<script>(.*?)<\/script>";/s.exec(builder)?.[1];
  assert.ok(builderStub, "demo/builder.ts's STUB is found");
  for (const block of http) {
    const page = blocks.find((b) => b.marker?.options.name === block.marker.options.page);
    assert.ok(page, `${where(block)}: no html block is named ${block.marker.options.page}`);
    const policy = httpHeaders(block)['content-security-policy'];
    const hashes = (cspSources(policy, 'script-src') ?? []).filter((s) => s.startsWith("'sha"));
    const stubs = { [where(page)]: inlineScripts(page.code), "the snippet builder's stub": [builderStub] };
    const expected = [];
    for (const [whose, scripts] of Object.entries(stubs)) {
      for (const script of scripts) {
        const source = hashSource(script);
        expected.push(source);
        assert.ok(hashes.includes(source), `${where(block)}: script-src lacks ${source}, the hash of ${whose}`);
      }
    }
    assert.deepEqual(hashes.sort(), expected.sort(), `${where(block)}: a hash source that allows nothing handed out`);
  }
});
