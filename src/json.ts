/**
 * JSON text for what the widget sends and compares, written without the page's help: host pages
 * replace `JSON.stringify`, add `toJSON` to `Array.prototype` (Prototype 1.6 turns every array into
 * a string that way) and add enumerable properties to `Object.prototype`. This writes the same text
 * as the native `JSON.stringify` for plain data (objects, arrays, strings, finite numbers, booleans,
 * null), but never calls `toJSON` and reads own enumerable string keys only, in the native order.
 */

// Taken when the module loads, so a library loaded after the widget cannot swap them.
const ownKeys = Reflect.ownKeys;
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
const isArray = Array.isArray;

/** A surrogate pair (kept as it is), or one character the native writer escapes: control, quote, backslash, lone surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON must escape
const ESCAPED = /[\ud800-\udbff][\udc00-\udfff]|["\\\u0000-\u001f\ud800-\udfff]/g;
/** The characters with a short escape, and the letter of each. */
const SHORT = '\b\t\n\f\r"\\';
const LETTER = 'btnfr"\\';

/** A string as a JSON string literal, escaped as the native one does (lone surrogates included). */
function quote(text: string): string {
  return `"${text.replace(ESCAPED, (c) => {
    const short = SHORT.indexOf(c);
    if (c.length > 1) return c;
    return short < 0 ? `\\u${(c.charCodeAt(0) + 0x10000).toString(16).slice(1)}` : `\\${LETTER.charAt(short)}`;
  })}"`;
}

/** Undefined where the native one leaves the value out (undefined, functions, symbols). */
function write(value: unknown, stack: object[], replace?: (value: unknown) => unknown): string | undefined {
  if (replace) value = replace(value);
  const type = typeof value;
  if (type === 'string') return quote(value as string);
  if (type === 'number') return Number.isFinite(value) ? `${value as number}` : 'null';
  if (type === 'boolean') return `${value as boolean}`;
  if (type === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (type !== 'object') return undefined;
  if (value === null) return 'null';
  if (stack.includes(value as object)) throw new TypeError('Converting circular structure to JSON');
  stack.push(value as object);
  let out = '';
  if (isArray(value)) {
    for (let i = 0; i < value.length; i++) out += `,${write(value[i], stack, replace) ?? 'null'}`;
  } else {
    for (const [key, member] of ownEntries(value as object)) {
      const text = write(member, stack, replace);
      if (text !== undefined) out += `,${quote(key)}:${text}`;
    }
  }
  stack.pop();
  out = out.slice(1);
  return isArray(value) ? `[${out}]` : `{${out}}`;
}

/**
 * The JSON text of `value`, as the native `JSON.stringify(value)` writes plain data. `replace`, when
 * given, is applied to every value before it is written (as a replacer that ignores the key).
 */
export function toJson(value: unknown, replace?: (value: unknown) => unknown): string {
  return write(value, [], replace) ?? 'null';
}

/**
 * The own enumerable string-keyed [key, value] pairs of an object, in their native order: never
 * inherited ones, whatever the page added to `Object.prototype` or put in place of `Object.keys`.
 */
export function ownEntries(value: object): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [];
  for (const key of ownKeys(value)) {
    if (typeof key === 'string' && Reflect.apply(propertyIsEnumerable, value, [key])) {
      entries[entries.length] = [key, (value as Record<string, unknown>)[key]];
    }
  }
  return entries;
}
