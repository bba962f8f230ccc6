// The sensitivity policy for values: finds secrets and personal data inside any text, whatever
// name it is under — known secrets (the token) in every encoding, credentials after a sensitive
// name (`token=…`, `"password": "…"`, `X-Api-Key: …`), user info in URLs, `Bearer`/`Basic`
// credentials, JWTs, API keys by their prefixes, emails and phone numbers. The names are judged
// by src/sensitivity.ts. Every pass is one left-to-right scan whose look-arounds never revisit a
// character more than a fixed number of times, so scrubbing is linear in the text's length on any
// input (a `meter` counts the characters visited; test/contract/scrub.test.ts holds it to that).
import {
  maskCharacters,
  phonePrefixLength,
  REDACTED,
  REDACTED_EMAIL,
  sensitiveKind,
  type MarkedNames,
} from "./sensitivity.ts";

/** Secrets shorter than this cannot be told apart from ordinary text, so they are refused. */
export const MIN_SECRET_LENGTH = 16;

export interface Meter {
  steps: number;
}

export interface RedactTextOptions {
  /** Exact secrets (the caller's token), removed in every encoding. */
  secrets?: SecretMatcher;
  /** The spec's marked field names. */
  marked?: MarkedNames;
  /** Counts the characters the scan visits. */
  meter?: Meter;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The parts of a secret's base64 text that do not depend on what surrounds it, for each of the
 * three byte alignments it can have inside a longer encoded value (`Basic base64(user:token)`).
 */
function base64Cores(bytes: Uint8Array): string[] {
  return [0, 1, 2].map((offset) => {
    const shifted = new Uint8Array(offset + bytes.length);
    shifted.set(bytes, offset);
    const encoded = toBase64(shifted).replace(/=+$/, "");
    return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
  });
}

/**
 * Every form a secret can take in a recording: as is, URL-encoded, every byte %-encoded, hex,
 * base64 and base64url (in any alignment), JSON-escaped. Matched case-insensitively, which also
 * covers the upper-case and lower-case forms.
 */
export function secretForms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const base64 = base64Cores(bytes);
  const forms = [
    secret,
    encodeURIComponent(secret),
    hex.replace(/../g, "%$&"),
    hex,
    ...base64,
    ...base64.map((core) => core.replace(/\+/g, "-").replace(/\//g, "_")),
    JSON.stringify(secret).slice(1, -1),
  ];
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Finds and removes known secrets in all their forms. */
export class SecretMatcher {
  readonly #pattern: RegExp | undefined;

  /** Throws when a secret is too short to be scrubbed safely: refuse it before anything is sent. */
  constructor(secrets: string[]) {
    for (const secret of secrets) {
      if (secret.length < MIN_SECRET_LENGTH)
        throw new RangeError(
          `a secret of ${secret.length} characters is too short to be scrubbed safely (at least ${MIN_SECRET_LENGTH})`,
        );
    }
    const forms = secrets.flatMap(secretForms);
    this.#pattern = forms.length ? new RegExp(forms.map(escapeRegExp).join("|"), "gi") : undefined;
  }

  replace(text: string): string {
    return this.#pattern ? text.replace(this.#pattern, REDACTED) : text;
  }

  /** Whether any form of a secret occurs in the text. */
  foundIn(text: string): boolean {
    if (!this.#pattern) return false;
    this.#pattern.lastIndex = 0;
    return this.#pattern.test(text);
  }
}

/** A secret that can be redacted: its `replace` and `foundIn`, as SecretMatcher has them. */
export interface SecretRedactor {
  replace(text: string): string;
  foundIn(text: string): boolean;
}

const SECRET_CHAR = "[A-Za-z0-9._~+/=-]";

/**
 * The client's own token in its error messages: in every form (SecretMatcher) when it is long enough
 * to be told apart from text; a shorter one (a test token such as "any") only where it stands alone,
 * so it does not garble the words that contain it ("company").
 */
export function tokenRedactor(token: string): SecretRedactor {
  if (token.length >= MIN_SECRET_LENGTH) return new SecretMatcher([token]);
  const pattern = new RegExp(`(?<!${SECRET_CHAR})${escapeRegExp(token)}(?!${SECRET_CHAR})`, "g");
  return {
    replace: (text) => text.replace(pattern, REDACTED),
    foundIn: (text) => {
      pattern.lastIndex = 0;
      return pattern.test(text);
    },
  };
}

// Character classes, by UTF-16 code.
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const inSet = (set: string) => {
  const codes = new Set([...set].map((ch) => ch.charCodeAt(0)));
  return (c: number) => codes.has(c);
};
/** Characters of a parameter or field name before `=` or `:` (bracket names included). */
const isNameChar = (c: number) => isAlnum(c) || inNameSymbols(c);
const inNameSymbols = inSet("_-.[]%$");
const isQuote = inSet(`"'`);
/** Where an unquoted value ends, after `=` (URLs, forms) and after `:` (headers, logs). */
const endsEqualsValue = inSet(` \t\r\n&;,"'<>#)]}\\`);
const endsColonValue = inSet(`\r\n,"'<>)]}\\`);
const isLocalChar = (c: number) => isAlnum(c) || inLocalSymbols(c);
const inLocalSymbols = inSet("._%+-");
const isDomainChar = (c: number) => isAlnum(c) || c === 46 || c === 45;
/** base64url, base64 and the token68 characters credentials are written in. */
const isTokenChar = (c: number) => isAlnum(c) || inTokenSymbols(c);
const inTokenSymbols = inSet("-._~+/=");
const isBase64UrlChar = (c: number) => isAlnum(c) || c === 45 || c === 95;
const isKeyChar = (c: number) => isAlnum(c) || inKeySymbols(c);
const inKeySymbols = inSet("_-+/=");
const isAuthorityEnd = (c: number) => isSpace(c) || inAuthorityEnds(c);
const inAuthorityEnds = inSet(`/?#"'<>\\`);

const AT = 64;
const BACKSLASH = 92;

/** Collects replacements made left to right and joins them once. */
class Edits {
  readonly #text: string;
  readonly #parts: string[] = [];
  #last = 0;

  constructor(text: string) {
    this.#text = text;
  }

  replace(start: number, end: number, value: string): void {
    this.#parts.push(this.#text.slice(this.#last, start), value);
    this.#last = end;
  }

  done(): string {
    if (!this.#parts.length) return this.#text;
    this.#parts.push(this.#text.slice(this.#last));
    return this.#parts.join("");
  }
}

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** Where a `{…}` or `[…]` starting at `from` closes (brackets counted; the end of the text if never). */
function structureEnd(text: string, from: number): number {
  let depth = 0;
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return k + 1;
  }
  return text.length;
}

/**
 * The value after a separator: a structure (`{…}`, everything under a sensitive name), quoted
 * (also `\"…\"` inside JSON text), or up to a delimiter. A `[REDACTED]` already there is one value.
 */
function valueAfter(text: string, from: number, colon: boolean, meter: Meter): { start: number; end: number } {
  let k = from;
  if (colon) while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  const first = text.charCodeAt(k);
  if ((first === 123 || first === 91) && !text.startsWith(REDACTED, k)) {
    const end = structureEnd(text, k);
    meter.steps += end - from;
    return { start: k, end };
  }
  const escaped = first === BACKSLASH && isQuote(text.charCodeAt(k + 1));
  const quote = escaped ? text.charCodeAt(k + 1) : isQuote(first) ? first : 0;
  const start = quote ? k + (escaped ? 2 : 1) : k;
  let end = text.startsWith(REDACTED, start) ? start + REDACTED.length : start;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (quote) {
      if (c === 10 || c === 13) break;
      if (c === quote && (escaped ? text.charCodeAt(end - 1) === BACKSLASH : text.charCodeAt(end - 1) !== BACKSLASH)) {
        if (escaped) end--;
        break;
      }
    } else if (colon ? endsColonValue(c) : endsEqualsValue(c)) break;
  }
  meter.steps += end - from + 1;
  return { start, end: Math.max(start, end) };
}

/** `name=value`, `name: value`, `"name": "value"`: the value of a sensitive name is redacted. */
function redactPairs(text: string, marked: MarkedNames | undefined, meter: Meter): string {
  const edits = new Edits(text);
  let floor = 0;
  for (let i = 0; i < text.length; i++) {
    meter.steps++;
    const c = text.charCodeAt(i);
    if (c !== 61 && c !== 58) continue; // = :
    let nameEnd = i;
    if (nameEnd > floor && isQuote(text.charCodeAt(nameEnd - 1))) {
      nameEnd--;
      if (nameEnd > floor && text.charCodeAt(nameEnd - 1) === BACKSLASH) nameEnd--;
    }
    let nameStart = nameEnd;
    while (nameStart > floor && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
    meter.steps += i - nameStart;
    floor = i + 1;
    if (nameStart === nameEnd || !sensitiveKind(decodedName(text.slice(nameStart, nameEnd)), marked)) continue;
    const value = valueAfter(text, i + 1, c === 58, meter);
    if (value.end > value.start) edits.replace(value.start, value.end, REDACTED);
    floor = Math.max(floor, value.end);
    i = Math.max(i, value.end - 1);
  }
  return edits.done();
}

/** `scheme://user:password@host`: the user info goes. */
function redactUserInfo(text: string, meter: Meter): string {
  const edits = new Edits(text);
  for (let i = text.indexOf("://"); i >= 0; i = text.indexOf("://", i + 1)) {
    const start = i + 3;
    let end = start;
    let at = -1;
    for (; end < text.length && !isAuthorityEnd(text.charCodeAt(end)); end++) if (text.charCodeAt(end) === AT) at = end;
    meter.steps += end - i + 1;
    if (at > start) edits.replace(start, at, REDACTED);
    i = end - 1;
  }
  return edits.done();
}

/** Prefixes of API keys that are secret wherever they appear, even glued to a word (`abc_xnd_...`). */
const KEY_PREFIXES = [
  "xnd_",
  "sk_live_",
  "sk_test_",
  "rk_live_",
  "rk_test_",
  "ghp_",
  "gho_",
  "ghs_",
  "ghu_",
  "github_pat_",
  "glpat-",
  "xoxb-",
  "xoxp-",
];
const KEY_STARTS = new Set(KEY_PREFIXES.map((p) => p.charCodeAt(0)));
const MIN_KEY_BODY = 8;

const startsWithIgnoringCase = (text: string, at: number, word: string) =>
  text.slice(at, at + word.length).toLowerCase() === word;

function runEnd(text: string, from: number, inRun: (c: number) => boolean): number {
  let end = from;
  while (end < text.length && inRun(text.charCodeAt(end))) end++;
  return end;
}

function isBasicCredential(run: string): boolean {
  try {
    return atob(run).includes(":");
  } catch {
    return false;
  }
}

/** `Bearer …`, `Basic …`, JWTs (signed or not), and keys by their prefixes. */
function redactCredentials(text: string, meter: Meter): string {
  const edits = new Edits(text);
  for (let i = 0; i < text.length; i++) {
    meter.steps++;
    const c = text.charCodeAt(i);
    const atWordStart = i === 0 || !isAlnum(text.charCodeAt(i - 1));
    if (atWordStart && (c === 66 || c === 98)) {
      // Bearer / Basic
      const scheme = startsWithIgnoringCase(text, i, "bearer") ? 6 : startsWithIgnoringCase(text, i, "basic") ? 5 : 0;
      if (scheme && isSpace(text.charCodeAt(i + scheme))) {
        const start = runEnd(text, i + scheme, isSpace);
        const end = runEnd(text, start, isTokenChar);
        meter.steps += end - i;
        if (end > start && (scheme === 6 || isBasicCredential(text.slice(start, end)))) {
          edits.replace(start, end, REDACTED);
        }
        i = Math.max(i, end - 1);
        continue;
      }
    }
    if (atWordStart && c === 101 && text.startsWith("eyJ", i)) {
      // JWT (JWS header.payload.signature, the signature possibly empty; JWE has five parts)
      let end = runEnd(text, i, isBase64UrlChar);
      let parts = 1;
      while (parts < 5 && text.charCodeAt(end) === 46) {
        const next = runEnd(text, end + 1, isBase64UrlChar);
        if (next === end + 1 && parts < 2) break;
        end = next;
        parts++;
      }
      meter.steps += end - i;
      if (parts >= 3) edits.replace(i, end, REDACTED);
      i = Math.max(i, end - 1);
      continue;
    }
    if (KEY_STARTS.has(c)) {
      const prefix = KEY_PREFIXES.find((p) => text.startsWith(p, i));
      if (prefix) {
        const end = runEnd(text, i + prefix.length, isKeyChar);
        meter.steps += end - i;
        if (end - i - prefix.length >= MIN_KEY_BODY) edits.replace(i + prefix.length, end, REDACTED);
        i = Math.max(i, end - 1);
        continue;
      }
    }
    if (atWordStart && c === 65 && (text.startsWith("AKIA", i) || text.startsWith("ASIA", i))) {
      // AWS access key ids
      const end = runEnd(text, i, isAlnum);
      meter.steps += end - i;
      if (end - i === 20) edits.replace(i, end, REDACTED);
      i = Math.max(i, end - 1);
    }
  }
  return edits.done();
}

/** Emails, also with a %-encoded `@` (inside URLs). */
function redactEmails(text: string, meter: Meter): string {
  const edits = new Edits(text);
  let floor = 0;
  for (let i = 0; i < text.length; i++) {
    meter.steps++;
    const c = text.charCodeAt(i);
    const atLength = c === AT ? 1 : c === 37 && text.charCodeAt(i + 1) === 52 && text.charCodeAt(i + 2) === 48 ? 3 : 0;
    if (!atLength) continue;
    let start = i;
    while (start > floor && isLocalChar(text.charCodeAt(start - 1))) start--;
    const domainStart = i + atLength;
    let end = runEnd(text, domainStart, isDomainChar);
    while (end > domainStart && !isAlnum(text.charCodeAt(end - 1))) end--;
    let lastDot = end - 1;
    while (lastDot > domainStart && text.charCodeAt(lastDot) !== 46) lastDot--;
    meter.steps += 2 * end - start - lastDot;
    const tld = lastDot > domainStart ? text.slice(lastDot + 1, end) : "";
    if (start < i && tld.length >= 2 && /^[A-Za-z]+$/.test(tld)) {
      edits.replace(start, end, REDACTED_EMAIL);
      floor = end;
      i = end - 1;
    } else floor = domainStart;
  }
  return edits.done();
}

const PHONE_WINDOW = 20;

/** Indonesian mobile numbers (`08…`, `628…`, `+628…`) and international ones (`+<8 to 15 digits>`), with spaces or dashes. */
function redactPhones(text: string, meter: Meter): string {
  const edits = new Edits(text);
  for (let i = 0; i < text.length; i++) {
    meter.steps++;
    const c = text.charCodeAt(i);
    if (!(c === 43 || isDigit(c))) continue; // + or a digit
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (isAlnum(before) || before === 95 || before === 43) continue;
    const window = text.slice(i, i + 4 + PHONE_WINDOW);
    const prefix = phonePrefixLength(window);
    const international = prefix <= 1 && c === 43 && text.charCodeAt(i + 1) >= 49 && isDigit(text.charCodeAt(i + 1));
    if (prefix <= 1 && !international) continue;
    // The longest run of digits, spaces and dashes that ends in a digit at a word's end and is long enough.
    let end = -1;
    let digits = 0;
    let k = i + prefix;
    for (; k < text.length && k < i + prefix + PHONE_WINDOW; k++) {
      const d = text.charCodeAt(k);
      if (isDigit(d)) {
        digits++;
        const next = text.charCodeAt(k + 1);
        const long = prefix > 1 ? k + 1 - (i + prefix) >= 8 : digits >= 8;
        if (long && !isAlnum(next) && next !== 95) end = k + 1;
      } else if (!(d === 32 || d === 45)) break;
    }
    meter.steps += k - i;
    if (end < 0) continue;
    edits.replace(i, end, maskCharacters(text.slice(i, end), prefix));
    i = end - 1;
  }
  return edits.done();
}
/** Free text with every secret and piece of personal data found in it replaced. */
export function redactText(text: string, options: RedactTextOptions = {}): string {
  const meter = options.meter ?? { steps: 0 };
  let out = options.secrets ? options.secrets.replace(text) : text;
  out = redactUserInfo(out, meter);
  out = redactPairs(out, options.marked, meter);
  out = redactCredentials(out, meter);
  out = redactEmails(out, meter);
  return redactPhones(out, meter);
}

/** A query string or fragment (`a=1&b=2`): a sensitive name's value redacted, every other part scanned decoded. */
function redactPairList(list: string, options: RedactTextOptions): string {
  return list
    .split("&")
    .map((pair) => {
      const at = pair.indexOf("=");
      if (at < 0) return redactComponent(pair, options);
      const name = pair.slice(0, at);
      const sensitive = sensitiveKind(decodedName(name), options.marked);
      return `${redactComponent(name, options)}=${sensitive ? REDACTED : redactComponent(pair.slice(at + 1), options)}`;
    })
    .join("&");
}

/** A %-encoded part of a URL, scanned decoded (a URL inside a query value is encoded); kept as sent when nothing is found. */
function redactComponent(raw: string, options: RedactTextOptions): string {
  const decoded = decodedName(raw);
  const redacted = redactText(decoded, options);
  return redacted === decoded ? raw : encodeURIComponent(redacted);
}

/**
 * A URL for an error message or a log: user info removed, the values of sensitive query
 * parameters redacted, secrets and personal data inside its parts redacted; the rest as sent.
 */
export function redactUrl(href: string, options: RedactTextOptions = {}): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return redactText(href, options);
  }
  const path = url.pathname
    .split("/")
    .map((segment) => redactComponent(segment, options))
    .join("/");
  const query = url.search ? `?${redactPairList(url.search.slice(1), options)}` : "";
  const hash = url.hash ? `#${redactPairList(url.hash.slice(1), options)}` : "";
  return `${url.protocol}//${url.host}${path}${query}${hash}`;
}
