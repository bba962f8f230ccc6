// The site's search, shared by the page script (in the browser) and the tests (in Node): MiniSearch
// over the documents the build wrote, with the fields weighted so that a word in an operation's
// title or its Indonesian keywords counts most.
import MiniSearch from "minisearch";

export interface SearchDocument {
  /** The page and anchor to go to: `order.html#createOrder`. */
  id: string;
  kind: "operation" | "section" | "page";
  title: string;
  section: string;
  method?: string;
  path?: string;
  /** The confidence of an inferred endpoint. */
  inferred?: string;
  /** The operationId and path split into words. */
  words: string;
  /** Indonesian words for what the title names. */
  keywords: string;
  /** Indonesian words for what the section or path names. */
  related: string;
  /** Indonesian words for what the description mentions. */
  mentioned: string;
  text: string;
}

export type SearchResult = Pick<SearchDocument, "id" | "kind" | "title" | "section" | "method" | "path" | "inferred">;

const FIELDS = ["title", "keywords", "section", "words", "related", "mentioned", "text"];
const STORED = ["kind", "title", "section", "method", "path", "inferred"];
const BOOST = { title: 4, keywords: 3, section: 2, words: 2, related: 1.5, mentioned: 0.5, text: 0.5 };

export function createSearch(documents: SearchDocument[]): (query: string, limit?: number) => SearchResult[] {
  const index = new MiniSearch<SearchDocument>({ fields: FIELDS, storeFields: STORED });
  index.addAll(documents);
  const options = {
    boost: BOOST,
    // Field length barely counts: a title with more keywords is not a worse match.
    bm25: { k: 1.2, b: 0.1, d: 0.5 },
    prefix: (term: string) => term.length > 1,
    fuzzy: (term: string) => (term.length > 4 ? 0.2 : false),
  };
  return (query, limit = 12) => {
    // Every word must match; when none does with all of them, the best matches of any.
    let hits = index.search(query, { ...options, combineWith: "AND" });
    if (!hits.length) hits = index.search(query, { ...options, combineWith: "OR" });
    return hits.slice(0, limit).map((hit) => ({ id: hit.id, ...(hit as unknown as Omit<SearchResult, "id">) }));
  };
}
