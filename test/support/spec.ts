// The bundled spec and helpers to walk its operations.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The bundle under test: generated/openapi.json, or another bundle named by NGORDER_SPEC. */
export const BUNDLE_PATH = process.env.NGORDER_SPEC ?? fileURLToPath(new URL("../../generated/openapi.json", import.meta.url));

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

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
  const out: SpecOperation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) if (item[method]) out.push({ path, method, op: item[method] });
  }
  return out;
}
