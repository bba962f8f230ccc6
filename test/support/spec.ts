// The bundled spec and helpers to walk its operations.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { operationsOf as contractOperations } from "../../src/contract/openapi.ts";

/** The bundle under test: generated/openapi.json, or another bundle named by NGORDER_SPEC. */
export const BUNDLE_PATH =
  process.env.NGORDER_SPEC ?? fileURLToPath(new URL("../../generated/openapi.json", import.meta.url));

export type Json = Record<string, any>;

export interface SpecOperation {
  path: string;
  method: string;
  op: Json;
}

export function loadBundle(): Json {
  return JSON.parse(readFileSync(BUNDLE_PATH, "utf8"));
}

export function operationsOf(doc: Json): SpecOperation[] {
  return contractOperations(doc).map(({ path, method, operation }) => ({ path, method, op: operation }));
}
