// The widget's own JSON writer (src/json.ts): the same text as the native JSON.stringify for plain data,
// whatever the page did to toJSON, Object.prototype or JSON.stringify itself.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ownEntries, toJson } from '../src/json.js';

const native = JSON.stringify;

/** Runs `body` with `key` set (enumerable) on `target`, then takes it away. */
function withProperty(target: object, key: string, value: unknown, body: () => void): void {
  (target as Record<string, unknown>)[key] = value;
  try {
    body();
  } finally {
    delete (target as Record<string, unknown>)[key];
  }
}

describe('toJson', () => {
  it('writes what JSON.stringify writes for plain data', () => {
    const samples: unknown[] = [
      null,
      true,
      false,
      0,
      -0,
      1.5,
      -2e-7,
      1e21,
      Number.MAX_SAFE_INTEGER,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '',
      'plain',
      'نظر خوب 👍',
      [],
      [1, 'two', null, [3], {}],
      [undefined, () => 1, Symbol('s')],
      {},
      { b: 1, 2: 'two', a: [true], 1: 'one', skipped: undefined, fn: () => 1 },
      { nested: { deeper: { list: [{ x: 1 }] } } },
      {
        v: 1,
        sentAt: '2025-03-01T09:30:12.512Z',
        responses: [{ id: 'x', revision: 1, scale: { min: 0, max: 10 }, metadata: { plan: 'pro', seats: 3 } }],
      },
    ];
    for (const value of samples) expect(toJson(value), native(value)).to.equal(native(value));
  });

  it('agrees with JSON.stringify on any JSON value (property test)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => toJson(value) === native(value)),
      { numRuns: 300 },
    );
  });

  it('escapes every control character, quotes and backslashes as the native one does', () => {
    for (let code = 0; code < 0x80; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(toJson(text), `U+${code.toString(16)}`).to.equal(native(text));
    }
    for (const text of ['"', '\\', '\\"', '\u2028\u2029', '\u007f', '\b\f\n\r\t']) {
      expect(toJson(text)).to.equal(native(text));
    }
  });

  it('writes lone surrogates as \\u escapes and keeps pairs, like the native one', () => {
    for (const text of ['\ud800', 'a\udc00b', '\ud83d\ude00', '\ude00\ud83d', '\ud83d\ud83d\ude00', 'x\udbff']) {
      expect(toJson(text), JSON.stringify([...text].map((c) => c.charCodeAt(0)))).to.equal(native(text));
    }
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (s) => {
        return toJson({ [s]: s }) === native({ [s]: s });
      }),
      { numRuns: 300 },
    );
  });

  it('never calls toJSON, on objects, arrays or strings', () => {
    const value = { a: 1, toJSON: () => 'replaced' };
    expect(toJson(value)).to.equal('{"a":1}');
    withProperty(
      Array.prototype,
      'toJSON',
      () => 'an array',
      () => {
        expect(native([1])).to.equal('"an array"');
        expect(toJson({ list: [1, 2] })).to.equal('{"list":[1,2]}');
      },
    );
    withProperty(
      String.prototype,
      'toJSON',
      () => '"quoted"',
      () => {
        expect(toJson(['s'])).to.equal('["s"]');
      },
    );
  });

  it('reads own enumerable keys only: nothing inherited, nothing the page added to Object.prototype', () => {
    withProperty(Object.prototype, 'polluted', 'inherited', () => {
      expect(toJson({ a: 1 })).to.equal('{"a":1}');
      expect(toJson(Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } }))).to.equal('{"own":2}');
      expect(toJson(Object.defineProperty({}, 'hidden', { value: 1 }))).to.equal('{}');
      expect(ownEntries({ a: 1 })).to.deep.equal([['a', 1]]);
    });
  });

  it("does not call the page's JSON.stringify", () => {
    const original = JSON.stringify;
    JSON.stringify = () => {
      throw new Error('the page replaced JSON.stringify');
    };
    try {
      expect(toJson({ list: [1, 'x'] })).to.equal('{"list":[1,"x"]}');
    } finally {
      JSON.stringify = original;
    }
  });

  it('refuses what the native one refuses: a cycle, a BigInt', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => toJson(cycle)).to.throw(TypeError);
    expect(() => toJson({ n: BigInt(1) })).to.throw(TypeError);
    // The same object twice, not in a cycle, is fine.
    const shared = { x: 1 };
    expect(toJson([shared, shared])).to.equal('[{"x":1},{"x":1}]');
  });
});
