// Removes secrets and personal data from a HAR before it is written, by the one sensitivity policy:
// names (src/sensitivity.ts, with the spec's `x-sensitive` marks) decide first, everything under a
// sensitive name goes with it, and every other string is scanned for secrets and personal data
// (src/redaction.ts): the caller's token in any encoding, credentials, URLs with secret
// parameters, emails, phone numbers. Values keep their JSON type and shape (digits stay digits,
// an email stays an email), so a scrubbed recording still checks against the contract. Only the
// HAR fields a check reads are written: anything else in an entry is left out, unread.
import { bundledSpecPath, isJsonMediaType, loadSpec, type Json } from "../spec/document.ts";
import { markedNames, mergeMarks } from "../spec/sensitive-fields.ts";
import { redactText, SecretMatcher } from "../redaction.ts";
import { REDACTED, replaceValue, sensitiveKind, type MarkedNames, type SensitiveKind } from "../sensitivity.ts";
import type { Har, HarContent, HarCookie, HarEntry, HarHeader, HarPostData, HarPostParam } from "./har.ts";

export { REDACTED };

export interface ScrubberOptions {
  /** Exact values (the token) that must never appear in the output, in any encoding. At least 16 characters. */
  secrets?: string[];
  /** A spec whose `x-sensitive` marks add to those of the bundled spec (the API's own fields). */
  spec?: Json;
}

/** JSON nested deeper than this is not walked: it is replaced whole. */
const MAX_DEPTH = 200;
/** Strings longer than this are not tried as embedded JSON. */
const MAX_EMBEDDED_JSON = 8 * 1024 * 1024;
const NUMBER_KINDS = new Set<SensitiveKind>(["secret", "account-number", "phone"]);
const AUTHORIZATION = /^(proxy-)?authorization$/i;
const FORM = "application/x-www-form-urlencoded";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const objectOf = (value: unknown): Record<string, unknown> => (isObject(value) ? value : {});
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const numberOf = (value: unknown, fallback = -1): number =>
  typeof value === "number" && Number.isFinite(value) ? value : fallback;

let bundled: Json | undefined;

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class Scrubber {
  readonly #secrets: SecretMatcher;
  readonly #marked: MarkedNames;

  /** Throws when a secret is too short to be scrubbed safely. */
  constructor(options: ScrubberOptions = {}) {
    this.#secrets = new SecretMatcher(options.secrets ?? []);
    bundled ??= loadSpec(bundledSpecPath());
    this.#marked = options.spec ? mergeMarks(markedNames(bundled), markedNames(options.spec)) : markedNames(bundled);
  }

  /** The kind of value a name holds, by the policy and the spec's marks. */
  kindOf(name: string): SensitiveKind | undefined {
    return sensitiveKind(name, this.#marked);
  }

  /** Whether a secret survives in the text, in any of its forms: the last check before writing. */
  leaks(text: string): boolean {
    return this.#secrets.foundIn(text);
  }

  /** Free text: JSON inside it is scrubbed as JSON; otherwise secrets and personal data in it are replaced. */
  text(value: string, depth = 0): string {
    const first = value.trimStart()[0];
    if ((first === "{" || first === "[") && value.length <= MAX_EMBEDDED_JSON) {
      try {
        return JSON.stringify(this.json(JSON.parse(value), undefined, depth + 1));
      } catch {
        // not JSON: scanned as text
      }
    }
    return redactText(value, { secrets: this.#secrets, marked: this.#marked });
  }

  /** A value under a field name: the name's kind (or the kind of a parent) decides first, then the text rules. */
  field(name: string, value: unknown, inherited?: SensitiveKind, depth = 0): unknown {
    return this.json(value, this.kindOf(name) ?? inherited, depth);
  }

  /** A JSON value; `kind` is that of the name it is under, if sensitive. */
  json(value: unknown, kind?: SensitiveKind, depth = 0): unknown {
    if (depth > MAX_DEPTH) return REDACTED;
    if (Array.isArray(value)) return value.map((item) => this.json(item, kind, depth + 1));
    if (isObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, member]) => [this.text(key, depth), this.field(key, member, kind, depth + 1)]),
      );
    }
    if (typeof value === "string")
      return kind ? replaceValue(kind, value, (text) => this.text(text, depth)) : this.text(value, depth);
    if (typeof value === "number" && kind && NUMBER_KINDS.has(kind)) return 0;
    return value;
  }

  headers(headers: unknown): HarHeader[] {
    return listOf(headers).map((item) => {
      const { name, value } = objectOf(item);
      const headerName = this.#secrets.replace(String(name ?? ""));
      const text = String(value ?? "");
      if (AUTHORIZATION.test(headerName)) {
        const scheme = /^[A-Za-z][\w-]*\s/.exec(text)?.[0] ?? "";
        return { name: headerName, value: `${scheme}${REDACTED}` };
      }
      return { name: headerName, value: this.kindOf(headerName) ? REDACTED : this.text(text) };
    });
  }

  cookies(cookies: unknown): HarCookie[] {
    return listOf(cookies).map((item) => ({
      name: this.text(String(objectOf(item).name ?? "")),
      value: REDACTED,
    }));
  }

  url(href: string): string {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return this.text(href);
    }
    url.username = "";
    url.password = "";
    url.pathname = url.pathname
      .split("/")
      .map((segment) => encodeURIComponent(this.text(decodedSegment(segment))))
      .join("/");
    const pairs = [...url.searchParams].map(([name, value]) => [this.text(name), String(this.field(name, value))]);
    url.search = new URLSearchParams(pairs).toString();
    url.hash = url.hash ? this.text(url.hash) : "";
    return url.href;
  }

  /** A body: JSON field by field, URL-encoded forms pair by pair; any other text is dropped, since it cannot be read safely. */
  body(mimeType: string, text: unknown, encoding?: unknown): { text?: string; comment?: string } {
    if (typeof text !== "string") return {};
    if (text === "") return { text };
    const decoded = encoding === "base64" ? Buffer.from(text, "base64").toString("utf8") : text;
    if (mimeType.split(";")[0]!.trim().toLowerCase() === FORM) {
      const pairs = [...new URLSearchParams(decoded)].map(([n, v]) => [this.text(n), String(this.field(n, v))]);
      return { text: new URLSearchParams(pairs).toString() };
    }
    if (!isJsonMediaType(mimeType)) return { comment: "body not kept: only JSON and form bodies can be scrubbed" };
    try {
      return { text: JSON.stringify(this.json(JSON.parse(decoded))) };
    } catch {
      return { comment: "body not kept: it is not valid JSON" };
    }
  }

  postData(postData: unknown): HarPostData {
    const { mimeType, params, text } = objectOf(postData);
    const media = this.text(String(mimeType ?? ""));
    const scrubbed = Array.isArray(params)
      ? params.map((item): HarPostParam => {
          const param = objectOf(item);
          const name = String(param.name ?? "");
          return {
            name: this.text(name),
            value: param.fileName ? "" : String(this.field(name, String(param.value ?? ""))),
            ...(param.fileName !== undefined ? { fileName: this.text(String(param.fileName)) } : {}),
            ...(param.contentType !== undefined ? { contentType: this.text(String(param.contentType)) } : {}),
          };
        })
      : undefined;
    const body = this.body(media, text);
    return {
      mimeType: media,
      ...(scrubbed ? { params: scrubbed } : {}),
      ...(body.text !== undefined ? { text: body.text } : {}),
    };
  }

  content(content: unknown): HarContent {
    const { size, mimeType, text, encoding } = objectOf(content);
    const media = this.text(String(mimeType ?? ""));
    const body = this.body(media, text, encoding);
    return { size: numberOf(size, 0), mimeType: media, ...body };
  }

  entry(entry: unknown): HarEntry {
    const { startedDateTime, time, request, response, timings, comment } = objectOf(entry);
    const req = objectOf(request);
    const res = objectOf(response);
    const url = this.url(String(req.url ?? ""));
    const queryString = URL.canParse(url)
      ? [...new URL(url).searchParams].map(([name, value]) => ({ name, value }))
      : [];
    return {
      startedDateTime: this.text(String(startedDateTime ?? "")),
      time: numberOf(time, 0),
      request: {
        method: this.text(String(req.method ?? "")),
        url,
        httpVersion: this.text(String(req.httpVersion ?? "")),
        cookies: this.cookies(req.cookies),
        headers: this.headers(req.headers),
        queryString,
        ...(req.postData !== undefined ? { postData: this.postData(req.postData) } : {}),
        headersSize: numberOf(req.headersSize),
        bodySize: numberOf(req.bodySize),
      },
      response: {
        status: numberOf(res.status, 0),
        statusText: this.text(String(res.statusText ?? "")),
        httpVersion: this.text(String(res.httpVersion ?? "")),
        cookies: this.cookies(res.cookies),
        headers: this.headers(res.headers),
        content: this.content(res.content),
        redirectURL: res.redirectURL ? this.url(String(res.redirectURL)) : "",
        headersSize: numberOf(res.headersSize),
        bodySize: numberOf(res.bodySize),
      },
      cache: {},
      timings: Object.fromEntries(
        ["blocked", "dns", "connect", "send", "wait", "receive", "ssl"].map((phase) => [
          phase,
          numberOf(objectOf(timings)[phase]),
        ]),
      ) as HarEntry["timings"],
      ...(comment !== undefined ? { comment: this.text(String(comment)) } : {}),
    };
  }

  har(har: unknown): Har {
    const log = objectOf(objectOf(har).log);
    const creator = objectOf(log.creator);
    return {
      log: {
        version: this.text(String(log.version ?? "1.2")),
        creator: { name: this.text(String(creator.name ?? "")), version: this.text(String(creator.version ?? "")) },
        entries: listOf(log.entries).map((entry) => this.entry(entry)),
        ...(log.comment !== undefined ? { comment: this.text(String(log.comment)) } : {}),
      },
    };
  }
}
