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
const isEnumerable = (o: object, key: string) => Reflect.apply(propertyIsEnumerable, o, [key]) as boolean;
const isArray = Array.isArray;

const hex = (code: number) => `\\u${(code + 0x10000).toString(16).slice(1)}`;

/** A string as a JSON string literal, escaped as the native one does (lone surrogates included). */
function quote(text: string): string {
  // Fast path: nothing to escape.
  // eslint-disable-next-line no-control-regex -- control characters are what JSON must escape
  if (!/["\\\u0000-\u001f\ud800-\udfff]/.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) out += '\\"';
    else if (code === 0x5c) out += '\\\\';
    else if (code < 0x20) {
      const short = SHORT[code];
      out += short ?? hex(code);
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += text.charAt(i) + text.charAt(i + 1);
        i++;
      } else {
        out += hex(code);
      }
    } else {
      out += text.charAt(i);
    }
  }
  return `${out}"`;
}

const SHORT: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

/** Undefined where the native one leaves the value out (undefined, functions, symbols). */
function write(value: unknown, stack: object[], replace?: (value: unknown) => unknown): string | undefined {
  if (replace) value = replace(value);
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? `${value}` : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (stack.includes(value)) throw new TypeError('Converting circular structure to JSON');
  stack.push(value);
  let out: string;
  if (isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) items[i] = write(value[i], stack, replace) ?? 'null';
    out = `[${items.join(',')}]`;
  } else {
    const members: string[] = [];
    for (const [key, member] of ownEntries(value)) {
      const text = write(member, stack, replace);
      if (text !== undefined) members[members.length] = `${quote(key)}:${text}`;
    }
    out = `{${members.join(',')}}`;
  }
  stack.pop();
  return out;
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
    if (typeof key === 'string' && isEnumerable(value, key)) {
      entries[entries.length] = [key, (value as Record<string, unknown>)[key]];
    }
  }
  return entries;
}
