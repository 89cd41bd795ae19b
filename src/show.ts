/**
 * How simloop shows a value inside an error message: the one helper every
 * message uses, so that no value (a 1 MB string, a 10,000-level array, an
 * object without a prototype, a Proxy that throws) can make a message
 * unreadable or make the formatting itself fail.
 */

/** The longest a shown value grows before it is cut with `...`. */
export const SHOWN_LENGTH = 80;

/**
 * A value as a message shows it: strings quoted as JSON (the string '10'
 * shows as `"10"`, the number as `10`), arrays and plain objects as compact
 * JSON, functions by name, other objects by their own `toString()` or their
 * class, all cut to `maxLength` characters. Rendering stops as soon as the
 * text is long enough, so its work is bounded by `maxLength` whatever the
 * value's size or depth, and it never throws.
 *
 * @example
 * showValue('10'); // '"10"'
 * showValue([[['log', 'x']]]); // '[[["log","x"]]]'
 * showValue('x'.repeat(1e6)).length; // 80
 */
export function showValue(value: unknown, maxLength = SHOWN_LENGTH): string {
  const out = new BoundedText(maxLength);
  try {
    render(value, out);
  } catch {
    if (out.text() === '') return '<a value that cannot be shown>';
  }
  return cutText(out.text(), maxLength);
}

/**
 * `text` cut to `maxLength` characters, ending in `...` when cut.
 *
 * @example
 * cutText('abcdef', 5); // 'ab...'
 */
export function cutText(text: string, maxLength = SHOWN_LENGTH): string {
  return text.length <= maxLength ? text : `${text.slice(0, Math.max(0, maxLength - 3))}...`;
}

/** Text that stops growing a little past its limit: the caller cuts it. */
class BoundedText {
  private readonly parts: string[] = [];
  private length = 0;

  constructor(private readonly limit: number) {}

  /** A string as JSON; only the part that can show is quoted, so a huge string costs no more than a short one. */
  pushQuoted(text: string): void {
    this.push(JSON.stringify(text.length > this.limit ? text.slice(0, this.limit + 1) : text));
  }

  full(): boolean {
    return this.length > this.limit;
  }

  push(part: string): void {
    if (this.full()) return;
    const room = this.limit + 1 - this.length;
    const kept = part.length <= room ? part : part.slice(0, room);
    this.parts.push(kept);
    this.length += kept.length;
  }

  text(): string {
    return this.parts.join('');
  }
}

/** Each level writes at least one character before it descends, so the depth is bounded by the limit. */
function render(value: unknown, out: BoundedText): void {
  if (out.full()) return;
  switch (typeof value) {
    case 'string':
      return out.pushQuoted(value);
    case 'number':
      return out.push(Object.is(value, -0) ? '-0' : String(value));
    case 'bigint':
      return out.push(`${value}n`);
    case 'symbol':
      return out.push(value.toString());
    case 'function':
      return out.push(`function ${value.name || '(anonymous)'}`);
    case 'object':
      if (value === null) return out.push('null');
      return renderObject(value, out);
    default:
      return out.push(String(value));
  }
}

function renderObject(value: object, out: BoundedText): void {
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length && !out.full(); i++) {
      if (i > 0) out.push(',');
      render(value[i], out);
    }
    return out.push(']');
  }
  if (value instanceof Error) return out.push(value.message === '' ? value.name : `${value.name}: ${value.message}`);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null || prototype === Object.prototype) return renderPlainObject(value as Record<string, unknown>, out);
  const toString = (value as { toString?: unknown }).toString;
  if (typeof toString === 'function' && toString !== Object.prototype.toString) return out.push(String(toString.call(value)));
  const name = (prototype as { constructor?: { name?: unknown } }).constructor?.name;
  out.push(`${typeof name === 'string' && name !== '' ? name : 'Object'} object`);
}

function renderPlainObject(value: Record<string, unknown>, out: BoundedText): void {
  out.push('{');
  let first = true;
  for (const key in value) {
    if (out.full()) break;
    if (!Object.hasOwn(value, key)) continue;
    if (!first) out.push(',');
    first = false;
    out.pushQuoted(key);
    out.push(':');
    render(value[key], out);
  }
  out.push('}');
}
