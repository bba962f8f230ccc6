// Ports for the mock's servers (`startMock`, `ngorder-mock`, `npm start`): a port given by a user
// is checked before use, and a port that cannot be listened on is one sentence, not a stack trace.

/** Thrown for a port that is not a port or cannot be listened on; its message is one line. */
export class PortError extends Error {}

/** A port from a user (option, flag, PORT): a whole number from 0 (a free port) to 65535. */
export function parsePort(value: unknown, name = "port"): number {
  const text = String(value).trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(port) && port <= 65535) return port;
  const shown = JSON.stringify(String(value)).slice(0, 40);
  throw new PortError(`${name} ${shown} is not a port: use a number from 1 to 65535, or 0 for a free one`);
}

/** The one-line reason a server could not listen on `port`. */
export function listenError(error: unknown, port: number, host: string): Error {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "EADDRINUSE")
    return new PortError(`port ${port} on ${host} is in use: choose another, or 0 for a free one`);
  if (code === "EACCES")
    return new PortError(`port ${port} on ${host} needs privileges: choose one above 1023, or 0 for a free one`);
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
    return new PortError(`cannot listen on ${host}: not an address of this machine`);
  return new PortError(`cannot listen on ${host}:${port}: ${(error as Error)?.message ?? String(error)}`);
}
