// The scrubber, case by case: every secret and piece of personal data the security review
// planted, as input and the exact output expected. Then proof that scrubbing is linear in the
// text's length on adversarial input (a count of the characters the scan visits, not a time).
import { describe, expect, it } from "vitest";
import { Scrubber } from "../../src/contract/scrub.ts";
import { redactText, type Meter } from "../../src/redaction.ts";

const TOKEN = "tok_live_9f8e7d6c5b4a39281706";
const scrubber = new Scrubber({ secrets: [TOKEN] });
const hex = (text: string) => Buffer.from(text).toString("hex");

/** [case, input, expected output] for free text: a response message, a header value, a JSON string. */
const TEXT: [string, string, string][] = [
  ["the token", `token ${TOKEN} here`, "token [REDACTED] here"],
  ["the token in upper case", TOKEN.toUpperCase(), "[REDACTED]"],
  ["the token in base64", Buffer.from(TOKEN).toString("base64"), "[REDACTED]Y="],
  ["the token in base64url, shifted by a prefix", Buffer.from(`x${TOKEN}`).toString("base64url"), "eH[REDACTED]"],
  ["the token in hex", hex(TOKEN), "[REDACTED]"],
  ["the token in upper-case hex", hex(TOKEN).toUpperCase(), "[REDACTED]"],
  ["the token fully %-encoded", hex(TOKEN).replace(/../g, "%$&"), "[REDACTED]"],
  ["the token URL-encoded", encodeURIComponent(`${TOKEN}+/`), "[REDACTED]%2B%2F"],
  ["a bearer token", "Authorization: Bearer abc.def-ghi", "Authorization: [REDACTED]"],
  ["a bearer token in prose", "sent Bearer abc.def-ghi to it", "sent Bearer [REDACTED] to it"],
  ["Basic credentials", `Basic ${btoa("budi:rahasia123")}`, "Basic [REDACTED]"],
  ["the word Basic", "Basic information here", "Basic information here"],
  ["an unsigned JWT", "jwt eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. end", "jwt [REDACTED] end"],
  [
    "a signed JWT",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "[REDACTED]",
  ],
  ["a Xendit public key: its body too", "xnd_public_development_O4uGfOR3gbOunJU", "xnd_[REDACTED]"],
  ["a Xendit key with + / =", "key xnd_production_AbC+dEf/GhI= end", "key xnd_[REDACTED] end"],
  ["a Xendit key glued to a word", "abc_xnd_development_abcdefghij", "abc_xnd_[REDACTED]"],
  ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE", "[REDACTED]"],
  [
    "a token in a URL's query",
    "https://shop.test/cb?token=abc123&sig=zzz&page=2",
    "https://shop.test/cb?token=[REDACTED]&sig=[REDACTED]&page=2",
  ],
  [
    "a presigned S3 URL",
    "https://s3.test/f?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F2024&X-Amz-Signature=deadbeef&X-Amz-Expires=60",
    "https://s3.test/f?X-Amz-Credential=[REDACTED]&X-Amz-Signature=[REDACTED]&X-Amz-Expires=60",
  ],
  [
    "a Link header",
    '<https://api.test/x?token=abc123&page=2>; rel="next"',
    '<https://api.test/x?token=[REDACTED]&page=2>; rel="next"',
  ],
  ["user info in a URL", "https://budi:rahasia@host.test/x", "https://[REDACTED]@host.test/x"],
  [
    "an OAuth fragment",
    "https://app.test/#access_token=abc&state=1",
    "https://app.test/#access_token=[REDACTED]&state=1",
  ],
  ["a password in JSON text", '{"password": "hunter2", "ok": 1', '{"password": "[REDACTED]", "ok": 1'],
  [
    "a password in escaped JSON text",
    String.raw`{\"password\":\"hunter2\",\"ok\":1}`,
    String.raw`{\"password\":\"[REDACTED]\",\"ok\":1}`,
  ],
  [
    "everything under a secret-named parent, in text",
    '"secret": {"value": "v1", "n": [1]} tail',
    '"secret": [REDACTED] tail',
  ],
  [
    "a name with a secret word the policy knows",
    "pwd=abc otp=123456 X-Auth: zzz",
    "pwd=[REDACTED] otp=[REDACTED] X-Auth: [REDACTED]",
  ],
  ["an email", "mail siti.rahayu@gmail.com now", "mail redacted@example.com now"],
  ["an email with a %-encoded @", "q=siti%40gmail.com&x=1", "q=redacted@example.com&x=1"],
  [
    "Indonesian mobile numbers",
    "call 081298765432, 0812-9876-5432 or +6281398765432.",
    "call 080000000000, 0800-0000-0000 or +6280000000000.",
  ],
  ["an international number", "call +44 20 7946 0958 now", "call +00 00 0000 0000 now"],
  [
    "what is neither",
    "2024-08-01 08:00 order 12345678901234567890 keyword=sepatu",
    "2024-08-01 08:00 order 12345678901234567890 keyword=sepatu",
  ],
];

describe("the scrubber's text rules", () => {
  it.each(TEXT)("%s", (_, input, expected) => expect(scrubber.text(input)).toBe(expected));
});

describe("the scrubber's name rules", () => {
  it("scrubs the API's sensitive fields (x-sensitive in the spec), keeping each value's type and shape", () => {
    expect(
      scrubber.json({
        bank_number: "1234567890",
        pin: "654321",
        account_number: 1234567,
        phone: "081234567890",
        email: "budi@gmail.com",
        holder_name: "Budi Santoso",
        receiver_address: "Jl. Melati 5",
        va_no: "8808123",
        xendit_key: "anything",
        keyword: "sepatu",
      }),
    ).toEqual({
      bank_number: "0000000000",
      pin: "[REDACTED]",
      account_number: 0,
      phone: "080000000000",
      email: "redacted@example.com",
      holder_name: "Redacted Name",
      receiver_address: "Redacted Address",
      va_no: "0000000",
      xendit_key: "[REDACTED]",
      keyword: "sepatu",
    });
  });

  it("scrubs everything under a secret-named parent, and names it does not know by their words", () => {
    expect(
      scrubber.json({
        credentials: { pass: "p4ss", user: "budi" },
        secret: { value: "v", n: 5, list: ["a"] },
        auth: "a",
        accessKey: "k",
        otp: 123456,
        pwd: "x",
        status: "ok",
      }),
    ).toEqual({
      credentials: { pass: "[REDACTED]", user: "[REDACTED]" },
      secret: { value: "[REDACTED]", n: 0, list: ["[REDACTED]"] },
      auth: "[REDACTED]",
      accessKey: "[REDACTED]",
      otp: 0,
      pwd: "[REDACTED]",
      status: "ok",
    });
  });

  it("scrubs a key used as an object key, and JSON inside a string as JSON", () => {
    expect(scrubber.json({ xnd_development_abcdefgh123: 1, payload: '{"token": "t1", "n": 1}' })).toEqual({
      "xnd_[REDACTED]": 1,
      payload: '{"token":"[REDACTED]","n":1}',
    });
  });

  it("scrubs headers by name, keeping the scheme of Authorization", () => {
    expect(
      scrubber.headers([
        { name: "Authorization", value: `Basic ${btoa("u:p")}` },
        { name: "X-Auth", value: "zzz" },
        { name: "Set-Cookie", value: "laravel_session=abc; path=/" },
        { name: "Content-Location", value: "https://api.test/y?sig=ffff" },
        { name: "Content-Type", value: "application/json" },
      ]),
    ).toEqual([
      { name: "Authorization", value: "Basic [REDACTED]" },
      { name: "X-Auth", value: "[REDACTED]" },
      { name: "Set-Cookie", value: "[REDACTED]" },
      { name: "Content-Location", value: "https://api.test/y?sig=[REDACTED]" },
      { name: "Content-Type", value: "application/json" },
    ]);
  });

  it("scrubs a request URL: user info, the path, query values (URLs inside them too) and the fragment", () => {
    const callback = encodeURIComponent("https://shop.test/cb?token=abc&page=2");
    expect(
      scrubber.url(`https://u:p@api.test/c/siti%40gmail.com?callback_url=${callback}&phone=081234567890&page=2`),
    ).toBe(
      "https://api.test/c/redacted%40example.com?callback_url=https%3A%2F%2Fshop.test%2Fcb%3Ftoken%3D%5BREDACTED%5D%26page%3D2&phone=080000000000&page=2",
    );
  });
});

describe("secrets too short to scrub", () => {
  it.each(["", "abc", "fifteen-chars!!"])("refuses the secret %j", (secret) => {
    expect(() => new Scrubber({ secrets: [secret] })).toThrow(/too short to be scrubbed safely \(at least 16\)/);
  });

  it("accepts one of 16 characters", () => {
    expect(new Scrubber({ secrets: ["sixteen-chars!!!"] }).text("a sixteen-chars!!! b")).toBe("a [REDACTED] b");
  });
});

describe("scrubbing time", () => {
  // Small enough that a quadratic scan still ends (and fails the count) instead of hanging.
  const LENGTH = 30_000;
  /** Inputs that made backtracking patterns quadratic: long runs an email, key, JWT or pair scan could restart in. */
  const ADVERSARIAL: [string, string][] = [
    ["email local parts without an @", "a".repeat(LENGTH)],
    ["@ after @", "a@".repeat(LENGTH / 2)],
    ["a domain of dots", `a@${"b.".repeat(LENGTH / 2)}`],
    ["%40 after %40", "%40".repeat(LENGTH / 3)],
    ["= after =", "a=".repeat(LENGTH / 2)],
    ["secret names after secret names", "token:".repeat(LENGTH / 6)],
    ["JWT starts", "eyJa-".repeat(LENGTH / 5)],
    ["key prefixes", "xnd_".repeat(LENGTH / 4)],
    ["phone starts", "08 ".repeat(LENGTH / 3)],
    ["scheme separators", "://".repeat(LENGTH / 3)],
    ["Bearer after Bearer", "Bearer ".repeat(LENGTH / 7)],
    ["unclosed structures after a secret name", "secret: {".repeat(LENGTH / 9)],
  ];

  it.each(ADVERSARIAL)("is linear on %s", (_, input) => {
    const meter: Meter = { steps: 0 };
    redactText(input, { meter });
    // Each of the five passes visits a character a bounded number of times: a quadratic scan of
    // 30,000 characters would count about 10^8 steps.
    expect(meter.steps).toBeLessThanOrEqual(12 * input.length);
    expect(meter.steps).toBeGreaterThanOrEqual(input.length);
  });

  it("is linear on the review's 300 KB string (114 s with the old email pattern)", () => {
    const input = `${"a.".repeat(150_000)}@`;
    const meter: Meter = { steps: 0 };
    expect(redactText(input, { meter })).toBe(input);
    expect(meter.steps).toBeLessThanOrEqual(12 * input.length);
  });
});
