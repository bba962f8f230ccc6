// The scrubber's table: each kind of secret and personal field, in each place of a HAR entry a
// recording carries it, in each encoding the scrubber reads there (a header, a query string, a
// JSON body, nested and as JSON inside a string, a base64 response body, a URL-encoded form, form
// params). Each cell states the value the place must hold after scrubbing, and the original
// value must be gone from the whole entry in every encoding.
import { describe, expect, it } from "vitest";
import { Scrubber } from "../../src/contract/scrub.ts";
import type { HarEntry } from "../../src/contract/har.ts";

const TOKEN = "tok_live_9f8e7d6c5b4a39281706";
/** A name that says nothing: what is under it is caught by its value. */
const HARMLESS = "note";
const scrubber = new Scrubber({ secrets: [TOKEN] });

/**
 * [kind, field name, value, what the field holds after scrubbing (its shape kept)]. The first rows
 * are caught by their names, the last two by their values.
 */
const FIELDS: [string, string, string, string][] = [
  ["a credential", "api_key", "sk_live_Zx81Qa77Lm", "[REDACTED]"],
  ["a PIN", "pin", "654321", "[REDACTED]"],
  ["an account number", "bank_account_number", "1234567890123", "0000000000000"],
  ["a virtual account", "va_number", "8808123456", "0000000000"],
  ["a phone number", "phone", "081298765432", "080000000000"],
  ["an email", "email", "siti.rahayu@gmail.com", "redacted@example.com"],
  ["a person's name", "receiver_name", "Budi Santoso", "Redacted Name"],
  ["an address", "address", "Jl. Melati No. 5, Bandung", "Redacted Address"],
  ["the token under a harmless name", HARMLESS, TOKEN, "[REDACTED]"],
  ["an email under a harmless name", HARMLESS, "siti.rahayu@gmail.com", "redacted@example.com"],
];

const base64 = (text: string) => Buffer.from(text).toString("base64");
const json = (text: string | undefined) => JSON.parse(text ?? "null");
const headerName = (field: string) => `X-${field.replace(/_/g, "-")}`;
const FORM = "application/x-www-form-urlencoded";

interface Place {
  /** The entry carrying `value` under `name` there. */
  entry(name: string, value: string): object;
  /** What the scrubbed entry holds there. */
  read(entry: HarEntry, name: string): unknown;
  /** A header value under a sensitive name is replaced whole, not by a value of its shape. */
  whole?: boolean;
}

const request = (parts: object) => ({ request: { method: "POST", url: "https://api.test/x", ...parts } });
const response = (content: object) => ({
  request: { method: "GET", url: "https://api.test/x" },
  response: { status: 200, content },
});

const PLACES: Record<string, Place> = {
  "a request header": {
    entry: (name, value) => request({ headers: [{ name: headerName(name), value }] }),
    read: (e, name) => e.request.headers.find((h) => h.name === headerName(name))?.value,
    whole: true,
  },
  "a response header": {
    entry: (name, value) => ({ response: { status: 200, headers: [{ name: headerName(name), value }] } }),
    read: (e, name) => e.response.headers.find((h) => h.name === headerName(name))?.value,
    whole: true,
  },
  "the query string (%-encoded)": {
    entry: (name, value) => request({ url: `https://api.test/x?page=2&${name}=${encodeURIComponent(value)}` }),
    read: (e, name) => new URL(e.request.url).searchParams.get(name),
  },
  "a JSON response body": {
    entry: (name, value) => response({ mimeType: "application/json", text: JSON.stringify({ [name]: value }) }),
    read: (e, name) => json(e.response.content.text)[name],
  },
  "a nested JSON response body": {
    entry: (name, value) =>
      response({ mimeType: "application/json", text: JSON.stringify({ data: { rows: [{ id: 1, [name]: value }] } }) }),
    read: (e, name) => json(e.response.content.text).data.rows[0][name],
  },
  "a base64 JSON response body": {
    entry: (name, value) =>
      response({ mimeType: "application/json", encoding: "base64", text: base64(JSON.stringify({ [name]: value })) }),
    read: (e, name) => json(e.response.content.text)[name],
  },
  "JSON inside a JSON string": {
    entry: (name, value) =>
      response({ mimeType: "application/json", text: JSON.stringify({ payload: JSON.stringify({ [name]: value }) }) }),
    read: (e, name) => json(json(e.response.content.text).payload)[name],
  },
  "a JSON request body": {
    entry: (name, value) =>
      request({ postData: { mimeType: "application/json", text: JSON.stringify({ [name]: value }) } }),
    read: (e, name) => json(e.request.postData?.text)[name],
  },
  "a URL-encoded form body": {
    entry: (name, value) =>
      request({ postData: { mimeType: FORM, text: new URLSearchParams({ keep: "1", [name]: value }).toString() } }),
    read: (e, name) => new URLSearchParams(e.request.postData?.text).get(name),
  },
  "a bracket name in a URL-encoded form": {
    entry: (name, value) =>
      request({
        postData: { mimeType: FORM, text: new URLSearchParams({ [`orders[0][${name}]`]: value }).toString() },
      }),
    read: (e, name) => new URLSearchParams(e.request.postData?.text).get(`orders[0][${name}]`),
  },
  "a form param (multipart)": {
    entry: (name, value) => request({ postData: { mimeType: "multipart/form-data", params: [{ name, value }] } }),
    read: (e, name) => e.request.postData?.params?.find((p) => p.name === name)?.value,
  },
};

/** Every way the original value could still be written in the entry. */
const forms = (value: string) => [
  value,
  encodeURIComponent(value),
  new URLSearchParams({ v: value }).toString().slice(2),
  base64(value),
];

const cases = Object.entries(PLACES).flatMap(([where, place]) =>
  FIELDS.map(([kind, name, value, replaced]) => [`${kind} in ${where}`, place, name, value, replaced] as const),
);

describe("the scrubber's table of kinds and places", () => {
  it.each(cases)("%s", (_, place, name, value, replaced) => {
    const scrubbed = scrubber.entry(place.entry(name, value));
    expect(place.read(scrubbed, name)).toBe(place.whole && name !== HARMLESS ? "[REDACTED]" : replaced);
    const written = JSON.stringify(scrubbed);
    for (const form of forms(value)) expect(written).not.toContain(form);
  });
});
