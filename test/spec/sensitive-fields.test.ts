// The API's sensitive fields are data in the spec (`x-sensitive: <kind>`), and the sensitivity
// policy reads them from there: the fields the review found in clear are marked, every mark is a
// known kind, a name marked twice takes the stronger kind, and the scrubber applies the marks.
import { describe, expect, it } from "vitest";
import { Scrubber } from "../../src/contract/scrub.ts";
import { markedNames, sensitiveFields } from "../../src/spec/sensitive-fields.ts";
import { sensitiveKind } from "../../src/sensitivity.ts";
import { loadBundle } from "../support/spec.ts";

const spec = loadBundle();
const fields = sensitiveFields(spec);
const markedAt = (name: string) => fields.filter((f) => f.name === name).map((f) => `${f.kind} ${f.pointer}`);

describe("the spec's x-sensitive marks", () => {
  it("mark the fields the review found in clear: bank_number (Get Xendit Data, Bank Account Report, Privor orders) and the pin", () => {
    const schema = (path: string) => `/paths/${path}/responses/200/content/application~1json/schema/properties/data`;
    expect(markedAt("bank_number").sort()).toEqual(
      [
        `account-number ${schema("~1order~1unconfirmed-privor~1{payment_id}/get")}/properties/bank/properties/bank_number`,
        `account-number ${schema("~1report~1bank/get")}/items/properties/bank_number`,
        `account-number ${schema("~1setting~1payment~1xendit/get")}/properties/bank_support/items/properties/bank_number`,
      ].sort(),
    );
    expect(markedAt("pin").sort()).toEqual([
      "secret /paths/~1bank~1create/post/requestBody/content/application~1json/schema/properties/pin",
      "secret /paths/~1bank~1update/patch/requestBody/content/application~1json/schema/properties/pin",
    ]);
    expect(markedAt("xendit_key")).toContain("secret /components/schemas/XenditKey");
  });

  it("mark every kind of the policy, on shared components where the field lives in one", () => {
    expect(new Set(fields.map((f) => f.kind))).toEqual(
      new Set(["secret", "account-number", "phone", "email", "person-name", "address"]),
    );
    expect(markedAt("email")).toContain("email /components/schemas/OrderCustomer/properties/email");
    expect(markedAt("holder_name")).toContain("person-name /components/schemas/BankAccount/properties/holder_name");
  });

  it("give a name marked with two kinds the stronger (the bank's internet-banking username is a secret)", () => {
    expect(fields.filter((f) => f.name === "username").map((f) => f.kind).sort()).toEqual(
      expect.arrayContaining(["person-name", "secret"]),
    );
    expect(markedNames(spec).get("username")).toBe("secret");
    expect(sensitiveKind("username", markedNames(spec))).toBe("secret");
  });

  it("refuse a kind the policy does not know, naming where it is written", () => {
    const bad = { components: { schemas: { A: { properties: { nik: { type: "string", "x-sensitive": "id-number" } } } } } };
    expect(() => sensitiveFields(bad)).toThrow(
      '/components/schemas/A/properties/nik/x-sensitive: "id-number" is not one of secret, account-number, phone, email, person-name, address',
    );
  });

  it("are what the scrubber applies, beyond the policy's words", () => {
    // These names hold nothing by their words; the spec's marks make them a person's name and a credential.
    expect([sensitiveKind("name"), sensitiveKind("created_by_name"), sensitiveKind("corporate_id")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(new Scrubber().json({ name: "Budi Santoso", created_by_name: "Siti", corporate_id: "KLIKBCA01" })).toEqual({
      name: "Redacted Name",
      created_by_name: "Redacted Name",
      corporate_id: "[REDACTED]",
    });
  });
});
