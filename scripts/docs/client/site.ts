// The page script of the docs site (bundled to assets/site.js, a classic deferred script, so it runs
// from file:// and under a CSP without inline scripts). The pages are complete without it; it adds
// the search box, copy buttons on samples, and forwards the old Redoc links to their new pages.
// It sets <html data-ready> when it has done its work: the tests wait on that, never on time.
import { forwardedAddress } from "./old-links.ts";
import { createSearch, type SearchDocument, type SearchResult } from "./search.ts";

declare global {
  interface Window {
    ngorderSearchDocuments?: SearchDocument[];
  }
}

const assets = new URL(".", (document.currentScript as HTMLScriptElement).src);
const siteRoot = new URL("..", assets);

let documents: Promise<SearchDocument[]> | undefined;
function loadDocuments(): Promise<SearchDocument[]> {
  documents ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL("search-index.js", assets).href;
    script.onload = () => resolve(window.ngorderSearchDocuments ?? []);
    script.onerror = () => reject(new Error("the search index could not be loaded"));
    document.head.append(script);
  });
  return documents;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function resultItem(result: SearchResult): HTMLLIElement {
  const link = document.createElement("a");
  link.href = new URL(result.id, siteRoot).href;
  if (result.method) link.append(element("span", `method method-${result.method.toLowerCase()}`, result.method), " ");
  link.append(element("span", "result-title", result.title));
  if (result.inferred) link.append(" ", element("span", "badge badge-inferred", `inferred · ${result.inferred}`));
  const where = result.kind === "operation" ? `${result.section} · ${result.path}` : result.section;
  link.append(element("span", "result-where", where));
  const item = document.createElement("li");
  item.append(link);
  return item;
}

function setUpSearch(): void {
  const form = document.querySelector<HTMLFormElement>("form.search");
  const input = document.querySelector<HTMLInputElement>("#search-input");
  const list = document.querySelector<HTMLUListElement>("#search-results");
  const status = document.querySelector<HTMLElement>("#search-status");
  if (!form || !input || !list || !status) return;
  let search: ReturnType<typeof createSearch> | undefined;
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>("a")];

  async function show(): Promise<void> {
    const query = input!.value.trim();
    if (!query) {
      list!.hidden = true;
      status!.textContent = "";
      return;
    }
    search ??= createSearch(await loadDocuments());
    if (input!.value.trim() !== query) return; // a newer keystroke will show its own results
    const results = search(query);
    list!.replaceChildren(...results.map(resultItem));
    list!.hidden = results.length === 0;
    status!.textContent = `${results.length || "No"} result${results.length === 1 ? "" : "s"} for ${query}`;
    form!.dataset.results = String(results.length);
  }

  input.addEventListener("focus", () => void loadDocuments(), { once: true });
  input.addEventListener("input", () => void show());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    links()[0]?.click();
  });
  form.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)]?.focus();
    } else if (event.key === "Escape") {
      list.hidden = true;
      input.focus();
    }
  });
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget as Node)) list.hidden = true;
  });
  input.addEventListener("focus", () => {
    if (list.children.length && input.value.trim()) list.hidden = false;
  });
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    void show();
  }
}

function setUpCopyButtons(): void {
  for (const figure of document.querySelectorAll<HTMLElement>("figure.sample")) {
    const code = figure.querySelector("code");
    const caption = figure.querySelector("figcaption");
    if (!code || !caption) continue;
    const button = element("button", "copy", "Copy");
    button.type = "button";
    button.setAttribute("aria-label", `Copy the ${caption.textContent} sample`);
    button.addEventListener("click", () => {
      void navigator.clipboard.writeText(code.textContent ?? "").then(() => (button.textContent = "Copied"));
    });
    caption.append(button);
  }
}

function forwardOldLinks(): void {
  const notFound = document.body.dataset.page === "not-found";
  const hash = location.hash;
  const oldHash = /^#(\/|tag\/|operation\/|section\/)/.test(hash);
  if (!notFound && !oldHash) return;
  const route = oldHash ? hash : location.pathname.slice(new URL(document.baseURI).pathname.length);
  void loadDocuments().then((docs) => {
    const target = forwardedAddress(route, docs);
    if (target) location.replace(new URL(target, siteRoot).href);
    else if (notFound) document.querySelector("#not-found-message")!.textContent = `There is no page at ${route}.`;
  });
}

setUpSearch();
setUpCopyButtons();
forwardOldLinks();
document.documentElement.dataset.ready = "true";
