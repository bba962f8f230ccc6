// Parses the vendor's 2021 documentation source (vendor/slate/, Slate Markdown) into sections,
// operations, printed endpoints and parameter tables, with the nested tables the scrape of the
// current doc lost (HTML `<table>`s inside a Body row). Tests use it to hold the spec to that source.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./paths.ts";

export const SLATE_SOURCE_DIR = `${ROOT}vendor/slate/source/`;

/** Where the 2021 doc served the API; the current doc serves the same paths under another host. */
export const SLATE_BASE_URL = "https://api.ngorder.id/api/open";

/** 2021 section names the current doc renamed, to the name it uses now. */
export const SECTION_RENAMES: Readonly<Record<string, string>> = { "Product Category": "Custom Product Category" };

export interface SlateNestedKey {
  name: string;
  optional: boolean;
  /** As printed: `integer`, `string`, `boolean`, `array`, `[]integer`. */
  type: string;
  description: string;
  /** The values after "Available values:", when the row lists them. */
  values?: string[];
  /** The value after "Default value:", when the row gives one. */
  default?: string;
}

export interface SlateParam {
  location: "Header" | "Path" | "Query" | "Body";
  name: string;
  optional: boolean;
  type: string;
  description: string;
  /** The keys of the nested table printed inside this row, if any. */
  keys?: SlateNestedKey[];
}

export interface SlateOperation {
  /** The file under vendor/slate/source/, such as `includes/order/_order.md`. */
  file: string;
  section: string;
  title: string;
  /** Method as printed, or null when the source omits it. */
  method: string | null;
  /** The printed URL without `SLATE_BASE_URL` (`/order/quick-payment`; `/` where it is cut). */
  path: string;
  /**
   * Whether the 2021 page showed it: `index.html.md` includes its file and it is not inside an
   * HTML comment (Get Single Order Detail is commented out).
   */
  published: boolean;
  params: SlateParam[];
}

const LOCATIONS = new Set(["Header", "Path", "Query", "Body"]);
// Get Users prints its endpoint without the closing backtick.
const ENDPOINT = /^`\s*(?:(GET|POST|PUT|PATCH|DELETE)\s+)?(\S+?)`?$/;
const OPTIONAL = /\s*`?\(?optional\)?`?\s*/i;

function nameAndFlag(cell: string): { name: string; optional: boolean } {
  const text = cell.trim();
  return { name: text.replace(OPTIONAL, " ").trim(), optional: OPTIONAL.test(text) };
}

function listedValues(description: string): string[] | undefined {
  const m = /Available values:\s*((?:`[^`]+`(?:,\s*|\s+or\s+)?)+)/.exec(description);
  return m ? [...m[1]!.matchAll(/`([^`]+)`/g)].map((v) => v[1]!) : undefined;
}

/** The rows of an HTML table `<tr><td>key</td><td>`type` description</td></tr>`, header row skipped. */
export function parseNestedTable(html: string): SlateNestedKey[] {
  const keys: SlateNestedKey[] = [];
  for (const row of html.matchAll(/<tr>\s*<td>(.*?)<\/td>\s*<td>(.*?)<\/td>\s*<\/tr>/g)) {
    const value = row[2]!.trim();
    const typed = /^`([^`]+)`\s*(.*)$/.exec(value);
    const description = (typed?.[2] ?? value).trim();
    const values = listedValues(description);
    const fallback = /Default value:\s*`([^`]+)`/.exec(description)?.[1];
    keys.push({
      ...nameAndFlag(row[1]!),
      type: typed?.[1] ?? "",
      description,
      ...(values ? { values } : {}),
      ...(fallback !== undefined ? { default: fallback } : {}),
    });
  }
  return keys;
}

function parseRow(location: SlateParam["location"], line: string): SlateParam {
  const [name = "", type = "", ...rest] = line.split("|");
  const description = rest.join("|").trim();
  const table = /<table>.*<\/table>/.exec(description);
  return {
    location,
    ...nameAndFlag(name),
    type: type.trim(),
    description: description.replace(/<table>.*<\/table>/, "").trim(),
    ...(table ? { keys: parseNestedTable(table[0]) } : {}),
  };
}

/** The include files `index.html.md` lists (`order/order` → `includes/order/_order.md`). */
function publishedFiles(dir: string): Set<string> {
  const index = readFileSync(join(dir, "index.html.md"), "utf8");
  const block = /^includes:\n((?:\s+-\s+\S+\n)+)/m.exec(index)?.[1] ?? "";
  return new Set(
    [...block.matchAll(/-\s+(\S+)/g)].map((m) => {
      const parts = m[1]!.split("/");
      const base = parts.pop()!;
      return ["includes", ...parts, `_${base}.md`].join("/");
    }),
  );
}

function parseFile(file: string, text: string, published: boolean): SlateOperation[] {
  const ops: SlateOperation[] = [];
  let section = "";
  let op: SlateOperation | undefined;
  let heading = "";
  let commented = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.includes("<!--")) commented = true;
    if (line.includes("-->")) commented = false;
    const h = /^(#{1,3}) (.+?)\s*$/.exec(line);
    if (h) {
      const [, level, title] = h as unknown as [string, string, string];
      if (level === "#") section = title;
      else if (level === "##") {
        op = { file, section, title, method: null, path: "", published: published && !commented, params: [] };
        ops.push(op);
      }
      heading = level === "###" ? title : "";
      continue;
    }
    if (!op) continue;
    const trimmed = line.trim();
    if (heading === "Endpoint" && !op.path) {
      const m = ENDPOINT.exec(trimmed);
      if (m) {
        op.method = m[1] ?? null;
        op.path = m[2]!.startsWith(SLATE_BASE_URL) ? m[2]!.slice(SLATE_BASE_URL.length) : m[2]!;
      }
    } else if (LOCATIONS.has(heading) && trimmed.includes("|") && !/^(Parameter\s*\||-+\s*\|)/.test(trimmed)) {
      op.params.push(parseRow(heading as SlateParam["location"], trimmed.replace(/\s*-->$/, "")));
    }
  }
  return ops;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

/** Every operation of every section file, published or not. */
export function parseSlateDoc(dir: string = SLATE_SOURCE_DIR): SlateOperation[] {
  const published = publishedFiles(dir);
  return markdownFiles(join(dir, "includes")).flatMap((name) => {
    const file = `includes/${name}`;
    return parseFile(file, readFileSync(join(dir, file), "utf8"), published.has(file));
  });
}

/** Each nested table: the operation, the Body row that holds it, and its keys. */
export function nestedTablesOf(ops: SlateOperation[]): { operation: SlateOperation; param: SlateParam }[] {
  return ops.flatMap((operation) => operation.params.filter((p) => p.keys).map((param) => ({ operation, param })));
}
