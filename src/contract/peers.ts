// The contract checker, the mock and --propose need packages a client user never installs (Ajv to
// validate, @streamparser/json to read recordings; yaml and diff to write a spec patch): they are
// optional peer dependencies. A bin that needs one says so in one line instead of a
// module-resolution stack trace.

/** A peer package: the module a bin loads, and what to install. */
export interface Peer {
  module: string;
  install: string;
}

/** What validation needs (the checker, the mock). */
export const VALIDATION_PEERS: Peer[] = [
  { module: "ajv/dist/2020.js", install: "ajv@^8" },
  { module: "ajv-formats", install: "ajv-formats@^3" },
];

/** What the checker's bin needs: validation, and reading recordings of any size. */
export const CHECKER_PEERS: Peer[] = [
  ...VALIDATION_PEERS,
  { module: "@streamparser/json", install: "@streamparser/json@^0.0.26" },
];

/** What writing a spec patch needs (`ngorder-contract --propose`). */
export const PROPOSE_PEERS: Peer[] = [
  { module: "yaml", install: "yaml@^2" },
  { module: "diff", install: "diff@^9" },
];

/** Exits with status 2 and an install hint when a peer cannot be loaded. */
export async function requirePeers(bin: string, peers: Peer[]): Promise<void> {
  const missing: Peer[] = [];
  for (const peer of peers) {
    try {
      await import(peer.module);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
      missing.push(peer);
    }
  }
  if (!missing.length) return;
  console.error(`${bin}: needs its optional peer dependencies: npm install ${missing.map((p) => p.install).join(" ")}`);
  process.exit(2);
}
