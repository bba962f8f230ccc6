// Our own lint rules catch what they are for. One copy of the spec holds one planted defect per
// rule, each in a file of its own; one Redocly run must report each rule at its planted file, and
// nothing else (the copy is otherwise the real spec, which lints clean).
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redocly, type Problem } from "../../scripts/lint.ts";
import { ignoredByTheRepository, specCopy, type SpecEdit } from "../support/spec-copy.ts";

interface Plant extends SpecEdit {
  rule: string;
  /** Text the problem's message must hold, where one rule has several plants. */
  says?: string;
}

const sharedResponse = (status: string, from: string, to: string): Plant => ({
  rule: `rule/error-${status}-shared`,
  file: "",
  edit: (text) =>
    text.replace(`  "${status}":\n    $ref: ../../components/responses/${from}.yaml`, `  "${status}":\n    $ref: ../../components/responses/${to}.yaml`),
});

const PLANTS: Plant[] = [
  {
    rule: "rule/no-request-body-on-get",
    file: "operations/warehouse/listWarehouses.yaml",
    edit: (text) =>
      text.replace("responses:\n", "requestBody:\n  content:\n    application/json:\n      schema:\n        type: object\nresponses:\n"),
  },
  {
    rule: "no-invalid-media-type-examples",
    file: "operations/warehouse/getWarehouse.yaml",
    edit: (text) => text.replace("                id: 22\n", "                id: 22\n                undocumented: 1\n"),
    says: "undocumented",
  },
  // Spectral's copy of this check is off (.spectral.yaml): Redocly's catches a wrong type too.
  {
    rule: "no-invalid-media-type-examples",
    file: "operations/warehouse/createWarehouse.yaml",
    edit: (text) => text.replace("                id: 23\n", "                id: twenty-three\n"),
    says: "must be integer",
  },
  {
    rule: "info-license",
    file: "openapi.yaml",
    edit: (text) => text.replace(/ {2}license:\n( {4}.*\n)+/, ""),
  },
  {
    rule: "rule/operation-one-section",
    file: "operations/warehouse/updateWarehouse.yaml",
    edit: (text) => text.replace("tags: [Warehouse]", "tags: [Warehouse, Shop]"),
  },
  {
    rule: "rule/operation-accept-language",
    file: "operations/warehouse/deleteWarehouse.yaml",
    edit: (text) => text.replace("  - $ref: ../../components/parameters/AcceptLanguage.yaml\n", ""),
  },
  {
    rule: "rule/operation-error-statuses",
    file: "operations/user/listUsers.yaml",
    edit: (text) => text.replace('  "503":\n    $ref: ../../components/responses/ServiceUnavailable.yaml\n', ""),
  },
  {
    rule: "rule/error-400-envelope",
    file: "operations/user/updateProfile.yaml",
    edit: (text) =>
      text.replace(
        '  "400":\n    $ref: ../../components/responses/BadRequest.yaml',
        '  "400":\n    description: Bad Request.\n    content:\n      application/json:\n        schema:\n          type: object',
      ),
  },
  { ...sharedResponse("401", "Unauthorized", "Forbidden"), file: "operations/shop/getShop.yaml" },
  { ...sharedResponse("403", "Forbidden", "NotFound"), file: "operations/shop/updateShopGeneralInfo.yaml" },
  { ...sharedResponse("404", "NotFound", "Forbidden"), file: "operations/shop/updateShopDetailedInfo.yaml" },
  { ...sharedResponse("429", "TooManyRequests", "ServiceUnavailable"), file: "operations/supplier/listSuppliers.yaml" },
  { ...sharedResponse("500", "InternalServerError", "ServiceUnavailable"), file: "operations/supplier/createSupplier.yaml" },
  { ...sharedResponse("503", "ServiceUnavailable", "InternalServerError"), file: "operations/bank/getBankAccount.yaml" },
  {
    rule: "rule/endpoint-inferred-marker",
    file: "operations/supplier/updateSupplier.yaml",
    edit: (text) => text.replace("  confidence: medium\nx-doc-defects:", "  confidence: certain\nx-doc-defects:"),
  },
  {
    rule: "rule/doc-defect-entries",
    file: "operations/bank/listShopBankAccounts.yaml",
    edit: (text) => text.replace(/^x-doc-defects:\n {2}- kind: (.*)\n/m, "x-doc-defects:\n  - kind: $1\n    seen: yesterday\n"),
  },
  {
    rule: "rule/root-doc-defect-entries",
    file: "openapi.yaml",
    edit: (text) => text.replace("x-doc-defects:\n  - section: Promo\n    operation:", "x-doc-defects:\n  - operation:"),
  },
];

let root: string;
let problems: Problem[];
beforeAll(async () => {
  root = specCopy(PLANTS);
  problems = (await redocly(root)).filter((p) => !ignoredByTheRepository(p));
});
afterAll(() => root && rmSync(dirname(dirname(root)), { recursive: true, force: true }));

const fileOf = (p: Problem) => p.where.slice(p.where.indexOf("/spec/") + "/spec/".length).split("#")[0];

describe("the lint rules", () => {
  it.each(PLANTS.map((plant) => [`${plant.rule} in ${plant.file}${plant.says ? ` (${plant.says})` : ""}`, plant] as const))(
    "%s: fires at the planted defect",
    (_, plant) => {
      const found = problems.filter(
        (p) => p.tool === `redocly ${plant.rule}` && fileOf(p) === plant.file && p.message.includes(plant.says ?? ""),
      );
      expect(found.length, `${plant.rule} did not fire at ${plant.file}`).toBeGreaterThan(0);
    },
  );

  it("fire nowhere else", () => {
    const planted = (p: Problem) =>
      PLANTS.some((plant) => p.tool === `redocly ${plant.rule}` && fileOf(p) === plant.file);
    expect(problems.filter((p) => !planted(p)).map((p) => `${p.tool} ${p.where}: ${p.message}`)).toEqual([]);
  });
});
