// HAR 1.2 as the community's JSON Schema states it (har-schema, the schema behind har-validator),
// to prove our recordings are HAR that other tools read, independently of our own types.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";

const SCHEMA_DIR = dirname(createRequire(import.meta.url).resolve("har-schema/lib/har.json"));
const DRAFT_06 = createRequire(import.meta.url)("ajv/dist/refs/json-schema-draft-06.json");

let validator: ValidateFunction | undefined;

/** har-schema compiled once: compiling it costs tens of milliseconds, and every recording is validated. */
function harValidator(): ValidateFunction {
  if (validator) return validator;
  // har-schema is draft-06 and uses two keywords of its own ("optional", "min"): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  ajv.addMetaSchema(DRAFT_06);
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".json"))) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8")));
  }
  return (validator = ajv.getSchema("har.json#")!);
}

/** Validates a HAR document; returns Ajv's error texts, empty when it is valid HAR 1.2. */
export function harErrors(har: unknown): string[] {
  const validate = harValidator();
  return validate(har) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
