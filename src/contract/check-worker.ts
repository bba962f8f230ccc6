// A worker thread of a parallel contract check (check-parallel.ts): it builds a checker of its own
// from the spec it is given, then parses and checks each batch of entries the main thread cuts out
// of the recordings, and answers their outcomes.
import { parentPort, workerData } from "node:worker_threads";
import { BatchChecker, type Batch, type WorkerInput } from "./check-parallel.ts";
import { ContractChecker } from "./checker.ts";

const { spec, options } = workerData as WorkerInput;
const checker = new BatchChecker(new ContractChecker(spec, options));
parentPort!.on("message", (batch: Batch) => {
  const outcome = checker.check(batch);
  parentPort!.postMessage(outcome, [outcome.operations.buffer]);
});
