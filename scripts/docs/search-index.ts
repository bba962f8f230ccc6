// The documents of the site's search: every operation, section and page, with the Indonesian words
// of docs/search-synonyms.yaml attached to the operations whose words they stand for.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ROOT } from "../lib/paths.ts";
import type { SearchDocument } from "./client/search.ts";
import { FIXED_PAGES, type SiteModel } from "./site-model.ts";

export const SYNONYMS_FILE = `${ROOT}docs/search-synonyms.yaml`;

export interface SynonymGroup {
  words: string[];
  means: string[];
  why: string;
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && v.trim() !== "");

export function loadSynonyms(file = SYNONYMS_FILE): SynonymGroup[] {
  const groups: unknown = parse(readFileSync(file, "utf8"));
  if (!Array.isArray(groups)) throw new Error(`${file}: expected a list of {words, means, why} groups`);
  return groups.map((group: any, i) => {
    if (!isStrings(group?.words) || !isStrings(group?.means) || typeof group?.why !== "string" || !group.why.trim())
      throw new Error(
        `${file}: group ${i + 1} needs \`words\` and \`means\` (lists of words) and \`why\` (a sentence)`,
      );
    return { words: group.words, means: group.means, why: group.why };
  });
}

/** Markdown reduced to its words. */
const plain = (markdown = "") =>
  markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*_>#|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const camelWords = (id: string) => id.replace(/([a-z0-9])([A-Z])/g, "$1 $2");

function mentions(text: string, phrases: string[]): boolean {
  const words = ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, " ")} `;
  return phrases.some((phrase) => words.includes(` ${phrase.toLowerCase()} `));
}

/** The Indonesian words of the groups whose English words `text` contains, each word once. */
function synonymsIn(text: string, synonyms: SynonymGroup[], except: Set<string> = new Set()): string[] {
  const words = synonyms.filter((g) => mentions(text, g.means)).flatMap((g) => g.words.flatMap((w) => w.split(/\s+/)));
  return [...new Set(words)].filter((w) => !except.has(w));
}

export function searchDocuments(model: SiteModel, synonyms: SynonymGroup[]): SearchDocument[] {
  const operations = model.operations.map((op): SearchDocument => {
    const description = plain(op.description);
    const keywords = synonymsIn(op.summary, synonyms);
    const related = synonymsIn(`${op.section.name} ${op.path}`, synonyms);
    const mentioned = synonymsIn(description, synonyms, new Set([...keywords, ...related]));
    return {
      id: op.url,
      kind: "operation",
      title: op.summary,
      section: op.section.name,
      method: op.method.toUpperCase(),
      path: op.path,
      ...(op.inferred ? { inferred: op.inferred.confidence } : {}),
      words: `${op.id} ${camelWords(op.id)} ${op.path.replace(/[/{}_-]+/g, " ")}`,
      keywords: keywords.join(" "),
      related: related.join(" "),
      mentioned: mentioned.join(" "),
      text: description,
    };
  });
  const sections = model.sections.map((section): SearchDocument => ({
    id: section.page,
    kind: "section",
    title: section.name,
    section: section.group,
    words: "",
    keywords: synonymsIn(section.name, synonyms).join(" "),
    related: "",
    mentioned: "",
    text: plain(section.description),
  }));
  const ledger: SearchDocument = {
    id: FIXED_PAGES.ledger,
    kind: "page",
    title: "Doc defects (the ledger)",
    section: "About this description",
    words: "defects ledger inferred evidence confidence vendor doc",
    keywords: "",
    related: "",
    mentioned: "",
    text: "Every place the vendor doc is broken or contradicts itself, and how the spec resolves it.",
  };
  return [...operations, ...sections, ledger];
}
