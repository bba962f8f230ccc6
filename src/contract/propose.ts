// Turns the failures of recorded traffic into proposed edits of the spec's source (`spec/`): an
// undocumented response member becomes a property of the schema that closed it (in the operation's
// file or the component's), typed from every recorded value (`null` seen makes a type array) with a
// scrubbed recorded example; a value of the wrong type widens the schema's type. The result is a
// unified diff for `git apply`; nothing is written to the spec.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { createTwoFilesPatch } from "diff";
import { Document, isMap, isScalar, isSeq, parseDocument, stringify, visit, type Node, type YAMLMap } from "yaml";
import type { ContractReport, ReportedFailure } from "./check-files.ts";
import { readHar } from "./check-files.ts";
import { responseText } from "./har.ts";
import { inferSchema, jsonTypeOf, mergeTypes } from "./infer-schema.ts";
import { nodeAt, resolve, unescapePointerToken, type Json } from "./openapi.ts";
import { printable } from "./printable.ts";
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

/** The example's strings with control and bidi characters shown as code points, for the reviewer. */
function visibleText(value: unknown): unknown {
  if (typeof value === "string") return printable(value);
  if (Array.isArray(value)) return value.map(visibleText);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visibleText(v)]));
  return value;
}

/** Column of a node's first character in the text. */
const columnOf = (text: string, offset: number) => offset - text.lastIndexOf("\n", offset - 1) - 1;

/** `text` with `lines` inserted as the last entries of the block mapping `map`. */
function appendToMap(text: string, map: YAMLMap, lines: string, indent: number): string {
  const end = map.range![1];
  const pad = " ".repeat(indent);
  const block = lines
    .trimEnd()
    .split("\n")
    .map((line) => pad + line)
    .join("\n");
  const before = text.slice(0, end);
  return `${before}${before.endsWith("\n") ? "" : "\n"}${block}\n${text.slice(end)}`;
}

function mapAt(text: string, at: string[]): YAMLMap {
  const doc = parseDocument(text);
  const node = at.length ? doc.getIn(at, true) : doc.contents;
  if (!isMap(node) || node.flow) throw new Error(`not a block mapping at ${at.join(".") || "the top"}`);
  return node;
}

/** YAML in the spec's style: type arrays on one line (`type: [string, "null"]`). */
function specYaml(value: Json): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "type" && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function addMember(text: string, at: string[], member: string, schema: Json): string {
  const map = mapAt(text, at);
  const entry = specYaml({ [member]: schema });
  const properties = map.get("properties", true);
  if (isMap(properties) && !properties.flow && properties.items.length) {
    return appendToMap(text, properties, entry, columnOf(text, properties.range![0]));
  }
  if (properties !== undefined) throw new Error(`${at.join(".")}.properties is not a block mapping`);
  const indent = map.items.length ? columnOf(text, map.range![0]) : 0;
  return appendToMap(text, map, specYaml({ properties: { [member]: schema } }), indent);
}

function widenType(text: string, at: string[], types: string[], addNullToEnum: boolean): string {
  const doc = parseDocument(text);
  const edits: { key: string; value: unknown }[] = [{ key: "type", value: types.length === 1 ? types[0] : types }];
  const enumNode = doc.getIn([...at, "enum"], true);
  if (addNullToEnum && isSeq(enumNode)) edits.push({ key: "enum", value: [...enumNode.toJSON(), null] });
  const placed = edits.map((edit) => {
    const range = (doc.getIn([...at, edit.key], true) as Node | undefined)?.range;
    if (!range) throw new Error(`no ${edit.key} at ${at.join(".")}`);
    return { ...edit, range };
  });
  // The later node first, so the earlier offsets still hold.
  return placed
    .sort((x, y) => y.range[0] - x.range[0])
    .reduce((out, { value, range }) => {
      const flow = stringify(value, { collectionStyle: "flow", flowCollectionPadding: false }).trim();
      return out.slice(0, range[0]) + flow + out.slice(range[1]);
    }, text);
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
      const example = visibleText(scrubber.field(member!, proposal.values.find((v) => v !== null) ?? null));
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
