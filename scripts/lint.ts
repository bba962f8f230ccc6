// Lints the spec with every checker and fails on any error or warning:
//   Redocly (recommended-strict + our rules) on the split source,
//   Spectral (spectral:oas + OWASP) and the official OpenAPI 3.1 schema on the bundle.
// The three run side by side. The bundle is the caller's when it has one of this source (npm test
// lints the generated/openapi.json its drift check has just written), else a temporary one.
// Usage: tsx scripts/lint.ts [root.yaml]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundle } from "./bundle.ts";
import { runAsync } from "./lib/run.ts";
import { isMain } from "./lib/paths.ts";

export interface Problem {
  tool: string;
  severity: string;
  where: string;
  message: string;
}

export async function redocly(root: string): Promise<Problem[]> {
  const { stdout } = await runAsync("redocly", ["lint", root, "--format=json"], { allowFailure: true });
  const report = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
    problems: {
      ruleId: string;
      severity: string;
      message: string;
      location: { source: { ref: string }; pointer: string }[];
    }[];
  };
  return report.problems.map((p) => ({
    tool: `redocly ${p.ruleId}`,
    severity: p.severity,
    where: p.location.map((l) => `${l.source.ref.replace(process.cwd() + "/", "")}#${l.pointer}`).join(", "),
    message: p.message,
  }));
}

export async function spectral(bundlePath: string): Promise<Problem[]> {
  const { stdout } = await runAsync(
    "spectral",
    ["lint", bundlePath, "--format=json", "--quiet", "--fail-severity=hint"],
    { allowFailure: true },
  );
  const text = stdout.trim();
  if (!text.startsWith("["))
    return text && !/No results/.test(text)
      ? [{ tool: "spectral", severity: "error", where: bundlePath, message: text }]
      : [];
  const severities = ["error", "warn", "info", "hint"];
  return (JSON.parse(text) as { code: string; severity: number; message: string; path: string[] }[]).map((r) => ({
    tool: `spectral ${r.code}`,
    severity: severities[r.severity] ?? "error",
    where: `#/${r.path.join("/")}`,
    message: r.message,
  }));
}

export async function officialSchema(bundlePath: string): Promise<Problem[]> {
  const { status, stdout, stderr } = await runAsync("validate-api", [bundlePath], { allowFailure: true });
  return status === 0
    ? []
    : [
        {
          tool: "openapi-schema-validator",
          severity: "error",
          where: bundlePath,
          message: `${stdout}${stderr}`.trim(),
        },
      ];
}

/** The checks that read the bundle (Spectral, the official schema), side by side. */
export async function lintBundle(bundlePath: string): Promise<Problem[]> {
  return (await Promise.all([spectral(bundlePath), officialSchema(bundlePath)])).flat();
}

/** Every check on the source `root`; `bundlePath`, when given, must be the bundle of that source. */
export async function lint(root = "spec/openapi.yaml", bundlePath?: string): Promise<Problem[]> {
  const source = redocly(root);
  if (bundlePath) return [...(await source), ...(await lintBundle(bundlePath))];
  const dir = mkdtempSync(join(tmpdir(), "ngorder-lint-"));
  try {
    bundle(root, dir);
    return [...(await source), ...(await lintBundle(`${dir}/openapi.json`))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatProblems(problems: Problem[]): string {
  return [
    ...problems.map((p) => `${p.severity.padEnd(5)} ${p.tool}  ${p.where}\n      ${p.message}`),
    problems.length === 0 ? "lint: 0 errors, 0 warnings" : `lint: ${problems.length} problem(s)`,
  ].join("\n");
}

if (isMain(import.meta.url)) {
  const problems = await lint(process.argv[2]);
  console.log(formatProblems(problems));
  process.exit(problems.length === 0 ? 0 : 1);
}
