// Prints how long each step of `npm run build` takes on this machine, and the total.
// Usage: npx tsx bench/build.ts
import { execFileSync } from "node:child_process";
import { ROOT } from "../scripts/lib/paths.ts";

const steps = ["lint", "generate", "docs"];
const times: [string, number][] = [];
for (const step of steps) {
  const start = performance.now();
  execFileSync("npm", ["run", "--silent", step], { cwd: ROOT, stdio: "ignore" });
  times.push([step, performance.now() - start]);
}
for (const [step, ms] of times) console.log(`${`npm run ${step}`.padEnd(18)} ${(ms / 1000).toFixed(1)} s`);
console.log(`${"build (total)".padEnd(18)} ${(times.reduce((sum, [, ms]) => sum + ms, 0) / 1000).toFixed(1)} s`);
