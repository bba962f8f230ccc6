// Edits of a YAML source file as text, so that everything else in the file stays as written: a
// member appended to a schema's `properties`, a schema's `type` (and `enum`) replaced.
import { Document, isMap, isScalar, isSeq, parseDocument, stringify, visit, type Node, type YAMLMap } from "yaml";
import type { Json } from "../spec/document.ts";

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

export function addMember(text: string, at: string[], member: string, schema: Json): string {
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

export function widenType(text: string, at: string[], types: string[], addNullToEnum: boolean): string {
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
