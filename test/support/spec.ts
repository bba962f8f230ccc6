// The bundle under test: generated/openapi.json, or another bundle named by NGORDER_SPEC. Tests
// read its operations through the spec model (src/spec/model.ts), like every other reader.
import { fileURLToPath } from "node:url";
import { loadSpec, type Json } from "../../src/spec/document.ts";
import { specModel, type SpecModel } from "../../src/spec/model.ts";

export type { Json };

export const BUNDLE_PATH =
  process.env.NGORDER_SPEC ?? fileURLToPath(new URL("../../generated/openapi.json", import.meta.url));

export function loadBundle(): Json {
  return loadSpec(BUNDLE_PATH);
}

/** The model of the bundle under test. */
export function loadModel(): SpecModel {
  return specModel(loadBundle());
}
