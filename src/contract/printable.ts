// Text from recordings and specs is data: control characters (terminal escapes, NUL, bidi
// overrides) are shown as code points, so nothing read from a file can steer a terminal or a viewer.
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, with tab and line feed
const UNPRINTABLE_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const codePoint = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, codePoint);
}

/** Printable text that also stays on one line: tabs and line breaks are shown as code points too. */
export function printableLine(text: string): string {
  return text.replace(UNPRINTABLE_IN_A_LINE, codePoint);
}

/** Every string inside a JSON value made printable. */
export function printableValue(value: unknown): unknown {
  if (typeof value === "string") return printable(value);
  if (Array.isArray(value)) return value.map(printableValue);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableValue(v)]));
  return value;
}
