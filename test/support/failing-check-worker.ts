// A check worker that fails on its first batch, as a bug or a crash in a real one would: the
// parallel check must end with its error rather than wait for an answer that never comes.
import { parentPort } from "node:worker_threads";

parentPort!.on("message", () => {
  throw new Error("planted failure in a checking thread");
});
