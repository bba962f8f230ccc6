// Parses the vendor's scraped documentation (vendor/ngorder-api-doc.txt) into sections, operations,
// printed endpoints, parameter tables and example payloads. Tests use it to hold the spec to the doc.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const VENDOR_DOC_PATH = fileURLToPath(new URL("../../vendor/ngorder-api-doc.txt", import.meta.url));

/** The doc's 31 section headings, in order. */
export const SECTIONS = [
  "User",
  "Shop",
  "Supplier",
  "Warehouse",
  "Root Product Category",
  "Custom Product Category",
  "Product",
  "Stock Opname",
  "Stock Transfer",
  "Customer Category",
  "Region",
  "Customer",
  "Bank",
  "Expedition",
  "Marketplace",
  "Order Source",
  "Order Cost",
  "Order",
  "Cancel Order",
  "Storefront & Privor",
  "Setting Storefront Courier",
  "Shipment",
  "Setting Payment Fee",
  "Payment",
  "Expense",
  "Report",
  "Analyzer",
  "Notification",
  "Billing",
  "Woowa Customer",
  "Woowa Order",
] as const;

export interface DocExample {
  /** The label as printed: "Example request:", "Example success response:", ... */
  label: string;
  kind: "request" | "response" | "error-response";
  line: number;
  /** The JSON text as printed (may be empty or invalid). */
  text: string;
}

export interface DocTableRow {
  table: string;
  name: string;
  optional: boolean;
  type: string;
  description: string;
}

export interface DocOperation {
  section: string;
  title: string;
  line: number;
  /** Method as printed, or null when the doc omits it. */
  method: string | null;
  /** URL as printed, without the method. */
  url: string;
  examples: DocExample[];
  params: DocTableRow[];
}

const TABLE_HEADINGS = new Set(["Header", "Path", "Query", "Body"]);
const EXAMPLE_LABEL = /^Example (success |error )?(request|response):?$/;
const ENDPOINT_LINE = /^`?\s*(?:(GET|POST|PUT|PATCH|DELETE)\s+)?(https?:\/\/\S+)/;

/** Titles are short and title-cased ("Cancel an Order"); section introductions are sentences. */
function looksLikeTitle(line: string): boolean {
  const lowercaseWords = line.split(/\s+/).filter((w) => /^[a-z]/.test(w)).length;
  return line.length <= 60 && lowercaseWords <= 2 && !line.endsWith(".");
}

function isTableLine(line: string, next: string | undefined): boolean {
  if (line.includes("|")) return true;
  if (TABLE_HEADINGS.has(line)) return true;
  return next !== undefined && /^(Parameter|Key|Error Code)\s*\|/.test(next);
}

/** Reads a JSON block starting at `start` by balancing brackets outside strings. */
function readJsonBlock(lines: string[], start: number): { text: string; end: number } {
  // The scrape sometimes keeps a Markdown backtick before the opening bracket (Create Order).
  const first = (lines[start] ?? "").trim().replace(/^`/, "");
  if (!first.startsWith("{") && !first.startsWith("[")) return { text: "", end: start };
  const lineAt = (i: number) => (i === start ? first : (lines[i] ?? ""));
  let depth = 0;
  let inString = false;
  for (let i = start; i < lines.length; i++) {
    const line = lineAt(i);
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      if (inString) {
        if (ch === "\\") c++;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === "{" || ch === "[") depth++;
      else if (ch === "}" || ch === "]") depth--;
    }
    inString = false; // a string never spans lines in this scrape
    if (depth <= 0) return { text: [first, ...lines.slice(start + 1, i + 1)].join("\n"), end: i + 1 };
  }
  return { text: [first, ...lines.slice(start + 1)].join("\n"), end: lines.length };
}

function toRow(table: string, text: string): DocTableRow {
  const [rawName = "", type = "", ...rest] = text.split("|").map((c) => c.trim());
  return {
    table,
    name: rawName.replace(/\(optional\)/i, "").trim(),
    optional: /\(optional\)/i.test(rawName),
    type,
    description: rest.filter(Boolean).join(" | "),
  };
}

const bars = (s: string) => (s.match(/\|/g) ?? []).length;

/** Table rows; the scrape splits a long row over lines, so a row is complete at three bars. */
function parseTables(lines: string[], from: number, to: number): DocTableRow[] {
  const rows: DocTableRow[] = [];
  let table = "";
  let pending = "";
  const flush = () => {
    if (pending) rows.push(toRow(table, pending));
    pending = "";
  };
  for (let i = from; i < to; i++) {
    const line = (lines[i] ?? "").trim();
    if (!line.includes("|")) {
      flush();
      table = line;
      continue;
    }
    if (/^(Parameter|Key|Error Code)\s*\|/.test(line) || /^-+\|/.test(line)) continue;
    if (bars(line) >= 3) {
      flush();
      pending = line;
      flush();
      continue;
    }
    pending = pending ? `${pending} ${line}` : line;
    if (bars(pending) >= 3) flush();
  }
  flush();
  return rows;
}

export function parseVendorDoc(text: string = readFileSync(VENDOR_DOC_PATH, "utf8")): DocOperation[] {
  const lines = text.split(/\r?\n/);
  const endpointAt: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === "Endpoint") endpointAt.push(i);
  });

  const ops: DocOperation[] = [];
  let section = "";
  let cursor = lines.findIndex((l) => l === SECTIONS[0]);
  for (let k = 0; k < endpointAt.length; k++) {
    const endpoint = endpointAt[k]!;
    // Find the section (if one starts here) and the title: the first short non-table line.
    let i = cursor;
    let title = "";
    for (; i < endpoint; i++) {
      const line = (lines[i] ?? "").trim();
      if (!line) continue;
      if ((SECTIONS as readonly string[]).includes(line) && line !== title && !title) {
        section = line;
        continue;
      }
      if (!looksLikeTitle(line) || EXAMPLE_LABEL.test(line)) continue;
      title = line;
      break;
    }
    const examples: DocExample[] = [];
    for (let j = i + 1; j < endpoint; j++) {
      const label = (lines[j] ?? "").trim();
      const m = EXAMPLE_LABEL.exec(label);
      if (!m) continue;
      const block = readJsonBlock(lines, j + 1);
      const kind = m[2] === "request" ? "request" : m[1] === "error " ? "error-response" : "response";
      examples.push({ label, kind, line: j + 1, text: block.text });
      j = Math.max(j, block.end - 1);
    }
    const printed = (lines[endpoint + 1] ?? "").trim();
    const em = ENDPOINT_LINE.exec(printed);
    let end = endpoint + 2;
    while (end < lines.length && isTableLine((lines[end] ?? "").trim(), lines[end + 1]?.trim())) end++;
    ops.push({
      section,
      title,
      line: i + 1,
      method: em?.[1] ?? null,
      url: (em?.[2] ?? printed).replace(/`$/, ""),
      examples,
      params: parseTables(lines, endpoint + 2, end),
    });
    cursor = end;
  }
  return ops;
}

/** The JSON of a printed example after the only repair we allow: removing trailing commas. */
export function repairJson(text: string): unknown {
  return JSON.parse(text.replace(/,(\s*[}\]])/g, "$1"));
}

/** Xendit secret keys printed in the doc look real; we publish a placeholder of the same form. */
const XENDIT_KEY = /^(xnd_(?:development|production)_)([A-Za-z0-9]+)$/;

export function redactSecrets<T>(value: T): T {
  if (typeof value === "string") {
    const m = XENDIT_KEY.exec(value);
    return (m ? `${m[1]}${"X".repeat(m[2]!.length)}` : value) as T;
  }
  if (Array.isArray(value)) return value.map(redactSecrets) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v)])) as T;
  }
  return value;
}

/** A printed example as the spec must carry it: trailing commas repaired, secrets redacted. */
export function exampleValue(example: DocExample): unknown {
  return redactSecrets(repairJson(example.text));
}
