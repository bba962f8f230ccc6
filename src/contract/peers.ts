// The contract checker validates with Ajv, an optional peer dependency: a client user never
// installs it. A bin that needs it says so in one line instead of a module-resolution stack trace.

/** The packages the contract checker (and the mock, which validates with it) needs beside this one. */
export const CHECKER_PEERS = ["ajv@^8", "ajv-formats@^3"];

/** Exits with status 2 and an install hint when Ajv cannot be loaded. */
export async function requireCheckerPeers(bin: string): Promise<void> {
  try {
    await import("ajv/dist/2020.js");
    await import("ajv-formats");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
    console.error(`${bin}: needs its optional peer dependencies: npm install ${CHECKER_PEERS.join(" ")}`);
    process.exit(2);
  }
}
