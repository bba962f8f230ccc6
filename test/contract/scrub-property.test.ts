// Property: whatever shape a HAR entry has, and wherever secrets and personal data are planted in
// it (URL path and query, headers, cookies, JSON bodies at any depth, form fields, comments,
// status text, redirects), none of them survives the scrubber. fast-check draws the shapes and the
// secrets; each planted value says which of its parts must be gone from the output.
import fc from "fast-check";
import { describe, it } from "vitest";
import { Scrubber } from "../../src/contract/scrub.ts";

/** A planted secret: how it is written into the entry, and what must not be found in the output. */
interface Plant {
  /** Text form, for free-text places. */
  text: string;
  /** A name that makes the value sensitive, for named places (JSON members, query, headers). */
  named?: { name: string; value: string };
  /** Substrings that must be gone (compared case-insensitively). */
  banned: string[];
}

const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
const b64url = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
/** Distinctive values: "v" and 12 or more letters and digits will not occur by chance. */
const value = alnum(12, 24).map((v) => `v${v}`);
const SECRET_NAMES = [
  "token",
  "api_key",
  "password",
  "X-Auth",
  "accessKey",
  "otp",
  "pwd",
  "pass",
  "secret",
  "client_secret",
  "X-Amz-Signature",
  "sig",
  "auth",
  "pin",
  "session_id",
  "refreshToken",
  "credentials",
];
const secretName = fc.constantFrom(...SECRET_NAMES);
const middle = (text: string) => text.slice(4, -4);

/** The token of a run, and every form the review planted it in. */
function tokenPlants(token: string): fc.Arbitrary<Plant> {
  const bytes = Buffer.from(token);
  return fc.oneof(
    fc.constantFrom(token, token.toUpperCase()).map((t) => ({ text: t, banned: [token] })),
    fc.tuple(fc.nat(2), fc.boolean()).map(([shift, url]) => {
      const encoded = Buffer.concat([Buffer.from("xy".slice(0, shift)), bytes]).toString(url ? "base64url" : "base64");
      return { text: encoded, banned: [middle(encoded)] };
    }),
    fc.boolean().map((upper) => {
      const hex = bytes.toString("hex");
      return { text: upper ? hex.toUpperCase() : hex, banned: [middle(hex)] };
    }),
    fc.constant(bytes.toString("hex").replace(/../g, "%$&")).map((t) => ({ text: t, banned: [middle(t)] })),
    fc.constant<Plant>({ text: `Bearer ${token}`, banned: [token] }),
    fc.constant<Plant>({ text: `Basic ${btoa(`me:${token}`)}`, banned: [middle(btoa(`me:${token}`))] }),
  );
}

const plants: fc.Arbitrary<Plant> = fc.oneof(
  // personal data in text
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9._]{3,14}[a-z0-9]$/), fc.stringMatching(/^[a-z]{3,10}\.(com|co\.id|id)$/))
    .filter(([local]) => !local.includes("redacted"))
    .map(([local, domain]) => ({ text: `${local}@${domain}`, banned: [`${local}@`, `${local}%40`] })),
  fc
    .tuple(fc.constantFrom("08", "628", "+628"), fc.stringMatching(/^[1-9][0-9]{8,10}$/))
    .map(([prefix, digits]) => ({ text: `${prefix}${digits}`, banned: [digits] })),
  // credentials by their format
  fc
    .tuple(b64url(8, 20), b64url(10, 20), b64url(0, 20))
    .map(([h, p, s]) => ({ text: `eyJ${h}.eyJ${p}.${s}`, banned: [p] })),
  fc
    .tuple(
      fc.constantFrom("", "abc_"),
      fc.constantFrom("development_", "production_", "public_development_"),
      fc.stringMatching(/^[A-Za-z0-9+/=]{10,30}$/),
    )
    .map(([glue, env, body]) => ({ text: `${glue}xnd_${env}${body}`, banned: [body] })),
  value.map((v) => ({ text: `Bearer ${v}`, banned: [v] })),
  fc
    .tuple(alnum(3, 8), value)
    .map(([user, pass]) => ({ text: `Basic ${btoa(`${user}:${pass}`)}`, banned: [pass, btoa(`${user}:${pass}`)] })),
  // values under sensitive names: in text (URLs, pairs) and in named places
  fc
    .tuple(secretName, value)
    .map(([name, v]) => ({ text: `https://h.test/cb?${name}=${v}&page=2`, named: { name, value: v }, banned: [v] })),
  fc.tuple(secretName, value, fc.constantFrom("=", ": ", '": "')).map(([name, v, sep]) => ({
    text: `${sep.startsWith('"') ? '"' : ""}${name}${sep}${v}${sep.startsWith('"') ? '"' : ""}`,
    named: { name, value: v },
    banned: [v],
  })),
  // the API's own fields, marked x-sensitive in the spec
  fc
    .tuple(fc.constantFrom("holder_name", "receiver_name", "address", "sender_address"), alnum(6, 12))
    .map(([name, v]) => ({ text: "", named: { name, value: `Person ${v}` }, banned: [`Person ${v}`] })),
  fc
    .tuple(fc.constantFrom("bank_number", "account_number", "va_no", "phone"), fc.stringMatching(/^[1-9][0-9]{9,14}$/))
    .map(([name, v]) => ({ text: "", named: { name, value: v }, banned: [v.slice(2)] })),
);

/** Random text around a plant, kept apart by spaces so the plant's own boundaries stay what they are. */
const filler = fc.string({ maxLength: 12, unit: fc.constantFrom(..."abc XYZ 123 .,-_/?&#é€\t".split("")) });
const NEUTRAL = ["data", "items", "note", "meta", "x", "list", "detail"];

/** Inserts the plant into a JSON value at a random depth; named plants also under a secret-named parent. */
function nest(depth: number, keys: string[], inner: unknown): unknown {
  let node = inner;
  for (let i = 0; i < depth; i++) node = i % 2 ? [node] : { [keys[i % keys.length]!]: node, n: i };
  return node;
}

type Slot = (entry: any, plant: Plant, text: string, pick: { depth: number; keys: string[]; parent: string }) => void;

const asText = (plant: Plant, before: string, after: string) => `${before} ${plant.text} ${after}`;
const member = (plant: Plant, text: string, parent: string): Record<string, unknown> =>
  plant.named
    ? parent === "direct"
      ? { [plant.named.name]: plant.named.value }
      : { [parent]: { value: plant.named.value, list: [plant.named.value] } }
    : { note: text };

const SLOTS: Record<string, Slot> = {
  query: (e, p, t) => {
    const url = new URL(e.request.url);
    if (p.named) url.searchParams.append(p.named.name, p.named.value);
    else url.searchParams.append("q", t);
    e.request.url = url.href;
  },
  path: (e, _p, t) => {
    const url = new URL(e.request.url);
    url.pathname += `/${encodeURIComponent(t)}`;
    e.request.url = url.href;
  },
  requestHeader: (e, p, t) =>
    e.request.headers.push(p.named ? { name: p.named.name, value: p.named.value } : { name: "X-Note", value: t }),
  responseHeader: (e, p, t) =>
    e.response.headers.push(p.named ? { name: p.named.name, value: p.named.value } : { name: "Link", value: `<${t}>` }),
  cookie: (e, p, t) => e.response.cookies.push({ name: "c", value: p.named?.value ?? t }),
  comment: (e, _p, t) => (e.comment = t),
  statusText: (e, _p, t) => (e.response.statusText = t),
  redirect: (e, _p, t) => (e.response.redirectURL = `https://h.test/r?q=${encodeURIComponent(t)}`),
  responseBody: (e, p, t, pick) => {
    e.response.content = {
      size: 1,
      mimeType: "application/json",
      text: JSON.stringify(nest(pick.depth, pick.keys, member(p, t, pick.parent))),
    };
  },
  requestBody: (e, p, t, pick) => {
    e.request.postData = {
      mimeType: "application/json; charset=utf-8",
      text: JSON.stringify(nest(pick.depth, pick.keys, member(p, t, pick.parent))),
    };
  },
  formParams: (e, p, t) => {
    e.request.postData = {
      mimeType: "multipart/form-data",
      params: [p.named ? { name: p.named.name, value: p.named.value } : { name: "note", value: t }],
    };
  },
  formText: (e, p, t) => {
    const body = new URLSearchParams(p.named ? { [p.named.name]: p.named.value } : { note: t });
    e.request.postData = { mimeType: "application/x-www-form-urlencoded", text: body.toString() };
  },
  base64Body: (e, p, t, pick) => {
    const text = JSON.stringify(nest(pick.depth, pick.keys, member(p, t, pick.parent)));
    e.response.content = {
      size: 1,
      mimeType: "application/json",
      text: Buffer.from(text).toString("base64"),
      encoding: "base64",
    };
  },
};

function baseEntry(method: string, status: number) {
  return {
    startedDateTime: "2024-05-01T00:00:00.000Z",
    time: 1,
    request: {
      method,
      url: "https://api.test/api/open/customer",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [],
      queryString: [],
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status,
      statusText: "OK",
      httpVersion: "HTTP/1.1",
      cookies: [] as unknown[],
      headers: [] as unknown[],
      content: { size: 0, mimeType: "application/json", text: "{}" } as Record<string, unknown>,
      redirectURL: "",
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}

const placement = fc.record({
  slot: fc.constantFrom(...Object.keys(SLOTS)),
  before: filler,
  after: filler,
  depth: fc.nat(5),
  keys: fc.array(fc.constantFrom(...NEUTRAL), { minLength: 1, maxLength: 3 }),
  parent: fc.constantFrom("direct", ...SECRET_NAMES),
});

/** A token of the run, and entries each with one to six plants (of its forms too). */
const scenario = alnum(16, 40)
  .map((t) => `t${t}`)
  .chain((token) =>
    fc.record({
      token: fc.constant(token),
      method: fc.constantFrom("GET", "POST", "PATCH"),
      status: fc.constantFrom(200, 401, 422),
      entries: fc.array(
        fc.array(fc.tuple(fc.oneof(plants, tokenPlants(token)), placement), { minLength: 1, maxLength: 6 }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    }),
  );

/** Places only where a name travels with its value: for plants that are sensitive by their name alone. */
const NAMED_SLOTS = ["query", "requestHeader", "responseBody", "requestBody", "formParams", "formText", "base64Body"];

describe("the scrubber, on random HAR shapes with planted secrets", () => {
  it("lets none of them through", () => {
    fc.assert(
      fc.property(scenario, ({ token, method, status, entries: planted }) => {
        const scrubber = new Scrubber({ secrets: [token] });
        const entries = planted.map((list) => {
          const entry = baseEntry(method, status);
          for (const [plant, where] of list) {
            const slot = plant.text === "" && !NAMED_SLOTS.includes(where.slot) ? "responseBody" : where.slot;
            SLOTS[slot]!(entry, plant, plant.text ? asText(plant, where.before, where.after) : where.before, where);
          }
          return entry;
        });
        const output = JSON.stringify(
          scrubber.har({ log: { version: "1.2", creator: { name: "t", version: "1" }, entries } }),
        ).toLowerCase();
        for (const [plant] of planted.flat()) {
          for (const banned of plant.banned) {
            if (output.includes(banned.toLowerCase()))
              throw new Error(`"${banned}" survived (planted ${JSON.stringify(plant)}):\n${output.slice(0, 3000)}`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
