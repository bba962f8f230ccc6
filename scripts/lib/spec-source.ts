// Reads an OpenAPI document named on a command line: a bundled JSON file, a YAML source root (or
// any YAML file), or a git ref of a repository, whose `spec/` is bundled as it was at that ref.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Json } from "../../src/spec/document.ts";
import { bundleDocument } from "../bundle.ts";
import { ROOT } from "./paths.ts";

const git = (repo: string, args: string[]) =>
  execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function isCommit(repo: string, ref: string): boolean {
  if (ref.startsWith("-")) return false; // never let a name become a git option
  try {
    git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** Bundles by the tree of `spec/`: refs that share it share one bundle. */
const bundlesByTree = new Map<string, Json>();

/** The bundled spec of `spec/` at a git ref (a branch, a tag, a commit, HEAD). */
export function specAtRef(ref: string, repo = ROOT): Json {
  const tree = git(repo, ["rev-parse", "--verify", `${ref}:spec`]).trim();
  let spec = bundlesByTree.get(tree);
  if (!spec) {
    spec = bundleTree(tree, repo);
    bundlesByTree.set(tree, spec);
  }
  return structuredClone(spec);
}

function bundleTree(tree: string, repo: string): Json {
  const dir = mkdtempSync(join(tmpdir(), "ngorder-ref-"));
  try {
    git(repo, ["archive", "--format=tar", "--prefix=spec/", "-o", join(dir, "spec.tar"), tree]);
    execFileSync("tar", ["-xf", "spec.tar"], { cwd: dir });
    return bundleDocument(join(dir, "spec", "openapi.yaml"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A file if one has that name, else a git ref of `repo`; a clear error when it is neither. */
export function loadSpecSource(source: string, repo = ROOT): Json {
  const file = resolve(source);
  if (existsSync(file)) {
    if (/\.ya?ml$/i.test(file)) return bundleDocument(file);
    try {
      return JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(
        `${source}: not a JSON document (${(error as Error).message}); pass a bundled openapi.json or a YAML source`,
        {
          cause: error,
        },
      );
    }
  }
  if (isCommit(repo, source)) return specAtRef(source, repo);
  throw new Error(
    `${source}: neither a file nor a git ref of ${repo}; pass an openapi.json, spec/openapi.yaml or a ref such as main`,
  );
}
