// Lints the spec with every checker and fails on any error or warning:
//   Redocly (recommended-strict + our rules) on the split source,
//   Spectral (spectral:oas + OWASP) and the official OpenAPI 3.1 schema on the bundle.
// Usage: tsx scripts/lint.ts [root.yaml]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundle } from "./bundle.ts";
import { run } from "./lib/run.ts";
import { isMain } from "./lib/paths.ts";

interface Problem {
  tool: string;
  severity: string;
  where: string;
  message: string;
}

export function redocly(root: string): Problem[] {
  const { stdout } = run("redocly", ["lint", root, "--format=json"], { allowFailure: true });
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

function spectral(bundlePath: string): Problem[] {
  const { stdout } = run("spectral", ["lint", bundlePath, "--format=json", "--quiet", "--fail-severity=hint"], {
    allowFailure: true,
  });
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

function officialSchema(bundlePath: string): Problem[] {
  const { status, stdout, stderr } = run("validate-api", [bundlePath], { allowFailure: true });
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

export function lint(root = "spec/openapi.yaml"): Problem[] {
  const dir = mkdtempSync(join(tmpdir(), "ngorder-lint-"));
  try {
    bundle(root, dir);
    return [...redocly(root), ...spectral(`${dir}/openapi.json`), ...officialSchema(`${dir}/openapi.json`)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const problems = lint(process.argv[2]);
  for (const p of problems) console.log(`${p.severity.padEnd(5)} ${p.tool}  ${p.where}\n      ${p.message}`);
  console.log(problems.length === 0 ? "lint: 0 errors, 0 warnings" : `lint: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
