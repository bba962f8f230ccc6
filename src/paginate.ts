// Every page of a paginated listing: `pagination_offset` is the page number (from 1), and
// `meta.pagination` tells which page came back and how many there are.
import { NgorderError } from "./errors.ts";
import type { CallOptions } from "./types.ts";

/** The answer of an operation with `meta.pagination`. */
export interface PageBody<Item = unknown> {
  data: Item[];
  meta: { pagination: { current_page: number; total_pages: number } };
}

export interface PaginateOptions extends CallOptions {
  /**
   * Safety cap: needing more pages than this throws NgorderError (kind `pagination`) rather than
   * silently stopping. Default 1000. To stop early, break out of the loop.
   */
  maxPages?: number;
}

/** A generated SDK method (or any function of the same shape) for a paginated listing. */
export type ListPage<Params, Body> = ((params: Params, options?: CallOptions) => Promise<Body>) & {
  operationId?: string;
  method?: string;
  path?: string;
};

type Arguments<Params> = undefined extends Params
  ? [params?: Params, options?: PaginateOptions]
  : [params: Params, options?: PaginateOptions];

/** Yields each page's whole answer, following `pagination_offset` until `current_page === total_pages`. */
export async function* pages<Params extends { pagination_offset?: number } | undefined, Body extends PageBody>(
  list: ListPage<Params, Body>,
  ...[params, options = {}]: Arguments<Params>
): AsyncGenerator<Body, void, undefined> {
  const { maxPages = 1000, ...callOptions } = options;
  const fail = (summary: string, page: number) =>
    new NgorderError(summary, {
      kind: "pagination",
      operation: list.operationId ?? (list.name || "paginate"),
      method: list.method ?? "GET",
      url: `${list.path ?? ""}?pagination_offset=${page}`,
    });
  let page = params?.pagination_offset ?? 1;
  for (let read = 0; ; read++, page++) {
    if (read === maxPages) throw fail(`more than maxPages (${maxPages}) pages`, page);
    const body = await list({ ...params, pagination_offset: page } as Params, callOptions);
    const position = body?.meta?.pagination;
    if (position && Number(position.current_page) !== page)
      throw fail(`asked for page ${page}, the server answered page ${position.current_page}`, page);
    yield body;
    if (!position || position.current_page >= position.total_pages) return;
  }
}

/** Yields every item of every page (`data[]`), fetching pages as the loop needs them. */
export async function* paginate<Params extends { pagination_offset?: number } | undefined, Item>(
  list: ListPage<Params, PageBody<Item>>,
  ...args: Arguments<Params>
): AsyncGenerator<Item, void, undefined> {
  for await (const body of pages(list, ...args)) yield* body.data;
}
