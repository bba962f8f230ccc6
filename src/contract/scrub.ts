// Removes secrets and personal data from a HAR before it is written: credentials (the token,
// cookies, keys), and people's emails, phone numbers, account numbers, names and addresses.
// Values keep their JSON type and shape (digits stay digits, an email stays an email), so a
// scrubbed recording still checks against the contract.
import type { Har, HarCookie, HarEntry, HarHeader, HarPostData } from "./har.ts";
import { isJsonMediaType } from "../spec/document.ts";
import { isSecretName, REDACTED } from "../sensitivity.ts";

export { REDACTED };

const REDACTED_EMAIL = "redacted@example.com";
const REDACTED_NAME = "Redacted Name";
const REDACTED_ADDRESS = "Redacted Address";

const EMAIL_NAME = /e-?mail/i;
const PHONE_NAME = /phone|(^|_)(hp|telp|telepon|mobile|whatsapp|wa|msisdn)(_|$)/i;
const ACCOUNT_NAME =
  /account_?(number|no)|(^|_)(rekening|norek|no_rek|va|va_number|virtual_account|card_?number|iban)(_|$)/i;
const PERSON_NAME =
  /(^|_)(name|nama|full_?name|first_?name|last_?name|username|receiver|recipient|sender|buyer|owner|contact|pic|dropshipper|consignee|account_holder|holder)(_?name)?$/i;
const ADDRESS_NAME = /address|addess|alamat|street/i;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Indonesian mobile numbers: 08..., 628..., +628..., possibly with spaces or dashes. */
const PHONE = /(?<![\w+])(?:\+?62|0)8[\d\s-]{7,14}\d(?!\w)/g;
const BEARER = /\bBearer\s+[^\s"',;]+/gi;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const XENDIT_KEY = /\bxnd_(development|production|public)_[A-Za-z0-9]+/g;

const maskDigits = (text: string, keep = 0) => text.slice(0, keep) + text.slice(keep).replace(/\d/g, "0");

export class Scrubber {
  readonly #secrets: string[];

  /** `secrets`: exact values (the token) that must never appear anywhere in the output. */
  constructor(secrets: string[] = []) {
    this.#secrets = secrets.filter((s) => s.length >= 4);
  }

  /** Free text: known secrets, bearer tokens, JWTs, keys, emails and phone numbers inside it. */
  text(value: string): string {
    let out = value;
    for (const secret of this.#secrets) out = out.split(secret).join(REDACTED);
    return out
      .replace(BEARER, `Bearer ${REDACTED}`)
      .replace(JWT, REDACTED)
      .replace(XENDIT_KEY, (_, env: string) => `xnd_${env}_${REDACTED}`)
      .replace(EMAIL, REDACTED_EMAIL)
      .replace(PHONE, (phone) => maskDigits(phone, phone.startsWith("+") ? 4 : 2));
  }

  /** A value under a field name: the name decides first, then the text rules apply. */
  field(name: string, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.field(name, v));
    if (value && typeof value === "object") return this.json(value);
    if (typeof value === "number")
      return ACCOUNT_NAME.test(name) || PHONE_NAME.test(name) || isSecretName(name) ? 0 : value;
    if (typeof value !== "string") return value;
    if (isSecretName(name)) return REDACTED;
    if (EMAIL_NAME.test(name)) return value.includes("@") ? REDACTED_EMAIL : this.text(value);
    if (PHONE_NAME.test(name)) return maskDigits(value, 2);
    if (ACCOUNT_NAME.test(name)) return maskDigits(value);
    if (PERSON_NAME.test(name)) return value ? REDACTED_NAME : value;
    if (ADDRESS_NAME.test(name)) return value ? REDACTED_ADDRESS : value;
    return this.text(value);
  }

  json(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.json(v));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.field(k, v)]));
    return typeof value === "string" ? this.text(value) : value;
  }

  headers(headers: HarHeader[]): HarHeader[] {
    return headers.map(({ name, value }) => {
      if (/^(proxy-)?authorization$/i.test(name))
        return { name, value: value.replace(/^(\S+\s+).*$/, `$1${REDACTED}`) };
      return { name, value: isSecretName(name) ? REDACTED : this.text(value) };
    });
  }

  cookies(cookies: HarCookie[]): HarCookie[] {
    return cookies.map((cookie) => ({ ...cookie, value: REDACTED }));
  }

  url(href: string): string {
    const url = new URL(href);
    url.username = "";
    url.password = "";
    const pairs = [...url.searchParams].map(([name, value]) => [
      name,
      String(this.field(name.replace(/\[.*$/, ""), value)),
    ]);
    url.search = new URLSearchParams(pairs).toString();
    return this.text(url.href);
  }

  /** A body: JSON is scrubbed field by field; any other text is dropped, since it cannot be read safely. */
  body(mimeType: string, text: string | undefined): { text?: string; comment?: string } {
    if (text === undefined || text === "") return text === undefined ? {} : { text };
    if (!isJsonMediaType(mimeType)) return { comment: "body not kept: only JSON bodies can be scrubbed" };
    try {
      return { text: JSON.stringify(this.json(JSON.parse(text))) };
    } catch {
      return { comment: "body not kept: it is not valid JSON" };
    }
  }

  postData(postData: HarPostData): HarPostData {
    const params = postData.params?.map((p) => ({
      ...p,
      value: p.fileName ? "" : String(this.field(p.name, p.value ?? "")),
    }));
    const body = this.body(postData.mimeType, postData.text);
    return {
      mimeType: postData.mimeType,
      ...(params ? { params } : {}),
      ...(body.text !== undefined ? { text: body.text } : {}),
    };
  }

  entry(entry: HarEntry): HarEntry {
    const { request, response } = entry;
    const url = this.url(request.url);
    const content = this.body(response.content.mimeType, response.content.text);
    return {
      ...entry,
      request: {
        ...request,
        url,
        cookies: this.cookies(request.cookies),
        headers: this.headers(request.headers),
        queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
        ...(request.postData ? { postData: this.postData(request.postData) } : {}),
      },
      response: {
        ...response,
        cookies: this.cookies(response.cookies),
        headers: this.headers(response.headers),
        redirectURL: response.redirectURL ? this.url(response.redirectURL) : "",
        content: { size: response.content.size, mimeType: response.content.mimeType, ...content },
      },
    };
  }

  har(har: Har): Har {
    return { log: { ...har.log, entries: har.log.entries.map((e) => this.entry(e)) } };
  }
}
