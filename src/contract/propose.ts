// Turns the failures of recorded traffic into proposed edits of the spec's source (`spec/`): an
// undocumented response member becomes a property of the schema that closed it (in the operation's
// file or the component's), typed from every recorded value (`null` seen makes a type array) with a
// scrubbed recorded example; a value of the wrong type widens the schema's type. The result is a
// unified diff for `git apply`; nothing is written to the spec.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { createTwoFilesPatch } from "diff";
import { parseDocument } from "yaml";
import type { ContractReport, ReportedFailure } from "./check-files.ts";
import { readHar } from "./check-files.ts";
import { responseText } from "./har.ts";
import { inferSchema, jsonTypeOf, mergeTypes } from "./infer-schema.ts";
import { nodeAt, resolve, unescapePointerToken, type Json } from "../spec/document.ts";
import { printableValue } from "./printable.ts";
import { addMember, widenType } from "./yaml-edits.ts";
import { Scrubber } from "./scrub.ts";

export interface SpecEditProposal {
  kind: "add-member" | "widen-type";
  /** Source file to edit. */
  file: string;
  /** YAML path of the schema inside that file. */
  at: string[];
  /** add-member: the member's name and its schema. */
  member?: string;
  schema?: Json;
  /** widen-type: the schema's types before and after. */
  types?: { from: string[]; to: string[] };
  /** The failures this edit answers. */
  evidence: ReportedFailure[];
}

export interface Proposals {
  proposals: SpecEditProposal[];
  /** Unified diff of the source files, paths relative to the working directory. */
  patch: string;
  /** Failures no edit is proposed for (a missing member, a status, a request...). */
  skipped: ReportedFailure[];
}

const tokensOf = (pointer: string) => (pointer ? pointer.slice(1).split("/").map(unescapePointerToken) : []);

/** Where a schema of the bundle is written in the split source: the file and the path inside it. */
export function locateSource(specDir: string, bundlePointer: string): { file: string; at: string[] } {
  const [root, a, b, ...rest] = tokensOf(bundlePointer);
  let file: string;
  let remaining: string[];
  if (root === "components" && a && b) {
    file = join(specDir, "components", a, `${b}.yaml`);
    remaining = rest;
  } else if (root === "paths" && a && b) {
    const routing = parseDocument(readFileSync(join(specDir, "openapi.yaml"), "utf8")).toJS() as Json;
    const ref = routing.paths?.[a]?.[b]?.$ref;
    if (typeof ref !== "string") throw new Error(`${specDir}/openapi.yaml routes no file for ${b.toUpperCase()} ${a}`);
    file = join(specDir, ref);
    remaining = rest;
  } else throw new Error(`#${bundlePointer} is not in an operation or a component of the spec`);
  // Walk the source along the path, into the file of any `$ref` met on the way.
  let at: string[] = [];
  let node = parseDocument(readFileSync(file, "utf8")).toJS() as unknown;
  for (const token of [...remaining, undefined]) {
    const ref = (node as Json | undefined)?.$ref;
    if (typeof ref === "string" && !ref.startsWith("#")) {
      file = join(dirname(file), ref);
      node = parseDocument(readFileSync(file, "utf8")).toJS();
      at = [];
    }
    if (token === undefined) break;
    node = (node as Json | undefined)?.[token];
    at.push(token);
    if (node === undefined) throw new Error(`${file}: nothing at ${at.join(".")} (the bundle has #${bundlePointer})`);
  }
  return { file, at };
}

/** The recorded response body of a failure's entry, parsed (cached per file). */
function recordedBody(cache: Map<string, unknown[]>, failure: ReportedFailure): unknown {
  let bodies = cache.get(failure.file);
  if (!bodies) {
    const read = readHar(failure.file);
    bodies = "har" in read ? read.har.log.entries.map((e) => parseBody(responseText(e.response?.content ?? {}))) : [];
    cache.set(failure.file, bodies);
  }
  return failure.entry === undefined ? undefined : bodies[failure.entry];
}

function parseBody(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Proposed source edits for the failures of `report`, checked against the bundle `spec` built from
 * `specDir`; the patch names files relative to `patchRoot`.
 */
export function proposeSpecEdits(
  report: ContractReport,
  spec: Json,
  specDir: string,
  patchRoot = process.cwd(),
): Proposals {
  const bodies = new Map<string, unknown[]>();
  const byTarget = new Map<string, SpecEditProposal & { values: unknown[] }>();
  const skipped: ReportedFailure[] = [];
  const scrubber = new Scrubber();
  for (const failure of report.failures) {
    const keyword = failure.schemaPointer?.match(/\/(unevaluatedProperties|additionalProperties|type)$/)?.[1];
    const body = failure.location === "response.body" ? recordedBody(bodies, failure) : undefined;
    const value = body === undefined ? undefined : nodeAt(body as Json, failure.pointer);
    if (!keyword || value === undefined) {
      skipped.push(failure);
      continue;
    }
    const schemaPointer = decodeURIComponent(failure.schemaPointer!.slice(1, -(keyword.length + 1)));
    const isMember = keyword !== "type";
    // A member is described where the closed schema is defined: follow the use site's `$ref`.
    const target = isMember ? resolve(spec, nodeAt(spec, schemaPointer), schemaPointer).pointer : schemaPointer;
    let place;
    try {
      place = locateSource(specDir, target);
    } catch {
      skipped.push(failure);
      continue;
    }
    const member = isMember ? tokensOf(failure.pointer).at(-1)! : undefined;
    const key = JSON.stringify([place.file, place.at, member ?? null]);
    let proposal = byTarget.get(key);
    if (!proposal) {
      proposal = {
        kind: isMember ? "add-member" : "widen-type",
        ...place,
        ...(member ? { member } : {}),
        evidence: [],
        values: [],
      };
      byTarget.set(key, proposal);
    }
    proposal.evidence.push(failure);
    proposal.values.push(value);
    if (!isMember) {
      const schema = nodeAt(spec, schemaPointer) as Json;
      const from = Array.isArray(schema.type) ? schema.type : [schema.type];
      proposal.types = { from, to: mergeTypes(from, proposal.values.map(jsonTypeOf)) };
    } else {
      const example = printableValue(scrubber.field(member!, proposal.values.find((v) => v !== null) ?? null));
      const { type, ...shape } = inferSchema(proposal.values);
      proposal.schema = {
        type,
        description: "Not in the vendor doc: seen in recorded traffic.",
        ...shape,
        examples: [Array.isArray(example) ? example.slice(0, 1) : example],
      };
    }
  }

  const proposals = [...byTarget.values()].map(({ values, ...proposal }) => (void values, proposal));
  const edited = new Map<string, { before: string; after: string }>();
  for (const p of proposals) {
    const file = edited.get(p.file) ?? { before: readFileSync(p.file, "utf8"), after: "" };
    const text = file.after || file.before;
    file.after =
      p.kind === "add-member"
        ? addMember(text, p.at, p.member!, p.schema!)
        : widenType(text, p.at, p.types!.to, p.types!.to.includes("null") && !p.types!.from.includes("null"));
    edited.set(p.file, file);
  }
  const patch = [...edited]
    .map(([file, { before, after }]) => {
      const name = relative(patchRoot, file);
      return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 })
        .split("\n")
        .filter((line) => !line.startsWith("====="))
        .join("\n")
        .replace(/\n*$/, "\n");
    })
    .join("");
  return { proposals, patch, skipped };
}
