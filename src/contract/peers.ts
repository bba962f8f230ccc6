// The contract checker validates with Ajv and reads recordings with @streamparser/json, optional
// peer dependencies: a client user never installs them. A bin that needs them says so in one line
// instead of a module-resolution stack trace.

/** The packages the contract checker (and the mock, which validates with it) needs beside this one. */
export const CHECKER_PEERS = ["ajv@^8", "ajv-formats@^3", "@streamparser/json@^0.0.26"];

/** Exits with status 2 and an install hint when a peer cannot be loaded. */
export async function requireCheckerPeers(bin: string): Promise<void> {
  try {
    await import("ajv/dist/2020.js");
    await import("ajv-formats");
    await import("@streamparser/json");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
    console.error(`${bin}: needs its optional peer dependencies: npm install ${CHECKER_PEERS.join(" ")}`);
    process.exit(2);
  }
}
