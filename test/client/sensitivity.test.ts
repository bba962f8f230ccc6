// One sensitivity policy: the client's error URLs and the recorder's scrubber redact the same names.
import { describe, expect, it } from "vitest";
import { Scrubber } from "../../src/contract/scrub.ts";
import { redactUrl } from "../../src/redaction.ts";
import { isSecretName, REDACTED } from "../../src/sensitivity.ts";

const SECRET = [
  "api_key",
  "X-Api-Key",
  "accessKey",
  "xendit_key",
  "secret",
  "client_secret",
  "token",
  "refreshToken",
  "password",
  "pwd",
  "pin",
  "otp",
  "Authorization",
  "X-Auth",
  "signature",
  "X-Amz-Signature",
  "session_id",
  "csrf_token",
];
const PLAIN = ["keyword", "monkey", "keys_count", "status", "per_page", "authority", "pinned", "passenger", "spin"];

describe("the sensitivity policy for names", () => {
  it.each(SECRET)("%s holds a credential", (name) => expect(isSecretName(name)).toBe(true));
  it.each(PLAIN)("%s does not", (name) => expect(isSecretName(name)).toBe(false));

  it("is the one the client's error URLs and the scrubber apply", () => {
    const scrubber = new Scrubber();
    for (const name of [...SECRET, ...PLAIN]) {
      const url = redactUrl(`https://api.example/x?${encodeURIComponent(name)}=value1`);
      const redactedByClient = url.endsWith(`=${REDACTED}`);
      const redactedByScrubber = scrubber.field(name, "value1") === REDACTED;
      expect({ name, redactedByClient, redactedByScrubber }).toEqual({
        name,
        redactedByClient: isSecretName(name),
        redactedByScrubber: isSecretName(name),
      });
    }
  });

  it("keeps the rest of a URL as sent, bracket names included", () => {
    expect(redactUrl("https://u:p@api.example/x?products[0][name]=a&token=t&keyword=b")).toBe(
      `https://api.example/x?products[0][name]=a&token=${REDACTED}&keyword=b`,
    );
  });

  it("redacts personal data and secrets inside values in the client's error URLs too, by the scrubber's rules", () => {
    const callback = encodeURIComponent("https://shop.test/cb?sig=abc123");
    const href = `https://api.example/customer/search?email=siti%40gmail.com&keyword=0812-9876-5432&callback=${callback}&page=2`;
    expect(redactUrl(href)).toBe(
      `https://api.example/customer/search?email=${REDACTED}&keyword=0800-0000-0000&callback=https%3A%2F%2Fshop.test%2Fcb%3Fsig%3D%5BREDACTED%5D&page=2`,
    );
  });
});
