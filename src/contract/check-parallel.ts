// The contract check of large recordings on every core. The main thread reads the files and cuts
// each entry's bytes out of them (har-reader.ts); worker threads (check-worker.ts), each with a
// checker of its own, parse and check batches of entries; the main thread tallies the outcomes in
// the order the entries were read. So the report is the one-thread check's (check-files.ts), in the
// same order. A few batches and MiB wait per worker at most, so memory stays bounded whatever the
// size.
import { availableParallelism } from "node:os";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  checkFilesStreaming,
  checkRecord,
  recordingsOf,
  ReportTally,
  type CheckListener,
  type ReportedFailure,
  type ReportSummary,
} from "./check-files.ts";
import type { CheckerOptions, ContractChecker } from "./checker.ts";
import { readRecords } from "./har-reader.ts";
import type { Json } from "../spec/document.ts";

/** What a worker builds its checker from. */
export interface WorkerInput {
  spec: Json;
  options: CheckerOptions;
}

/** Entries cut out of one file: their bytes end to end, where each ends, and their places in the file. */
export interface Batch {
  seq: number;
  file: string;
  bytes: Uint8Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
  indices: Uint32Array<ArrayBuffer>;
  /** NDJSON only: each entry's line. */
  lines?: Uint32Array<ArrayBuffer>;
}

/** A batch's outcomes: each entry's operation (its place in the checker's operations, -1 for none) and the batch's failures, in order. */
export interface BatchOutcome {
  seq: number;
  operations: Int16Array<ArrayBuffer>;
  failures: ReportedFailure[];
}

/** Parses and checks batches, as a worker does. */
export class BatchChecker {
  readonly #checker: ContractChecker;
  /** Each operation's place among the checker's operations, which is the same on every thread. */
  readonly #places: Map<string, number>;

  constructor(checker: ContractChecker) {
    this.#checker = checker;
    this.#places = new Map(checker.operations.map((operation, i) => [operation.id, i]));
  }

  check({ seq, file, bytes, ends, indices, lines }: Batch): BatchOutcome {
    const operations = new Int16Array(ends.length);
    const failures: ReportedFailure[] = [];
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      const record = Buffer.from(bytes.buffer, bytes.byteOffset + start, ends[i]! - start);
      const line = lines ? { line: lines[i]! } : {};
      const outcome = checkRecord(this.#checker, file, { kind: "record", index: indices[i]!, ...line, bytes: record });
      operations[i] = outcome.operation === undefined ? -1 : this.#places.get(outcome.operation)!;
      failures.push(...outcome.failures);
      start = ends[i]!;
    }
    return { seq, operations, failures };
  }
}

/** Entries per batch, and bytes at which a batch is sent before it is full. */
const BATCH_ENTRIES = 256;
const BATCH_BYTES = 1024 * 1024;
/** Batches sent to a worker and not answered yet, at most, and their bytes. */
const BATCHES_PER_WORKER = 3;
const BYTES_PER_WORKER = 4 * 1024 * 1024;

/** What a worker has been sent and not answered yet: the bytes of each batch, oldest first. */
export class WorkerQueue {
  readonly #sizes: number[] = [];
  #bytes = 0;

  get batches(): number {
    return this.#sizes.length;
  }

  /**
   * Whether a batch of `bytes` may be sent now. An idle worker takes any batch (an entry may be
   * up to 32 MiB); a busy one, a few batches and a few MiB at most, so that what waits in memory
   * is bounded in bytes, not only in batches.
   */
  accepts(bytes: number): boolean {
    if (this.#sizes.length === 0) return true;
    return this.#sizes.length < BATCHES_PER_WORKER && this.#bytes + bytes <= BYTES_PER_WORKER;
  }

  sent(bytes: number): void {
    this.#sizes.push(bytes);
    this.#bytes += bytes;
  }

  /** The oldest batch is answered (a worker answers in the order it was sent). */
  answered(): void {
    this.#bytes -= this.#sizes.shift() ?? 0;
  }
}

/** From this much input on, checking on worker threads saves more than starting them costs (about a second of compiling each). */
export const PARALLEL_FROM_BYTES = 64 * 1024 * 1024;

/** The worker module: check-worker beside this module, compiled (.js) or, under tsx, the .ts. */
const CHECK_WORKER = new URL(`./check-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** Starts a worker thread; a .ts module (our own tests and scripts run under tsx) is loaded after registering tsx in it. */
function startWorker(module: URL, input: WorkerInput): Worker {
  // A worker makes tens of MB of short-lived objects a second. With its young generation capped at
  // 8 MB, two workers' peak RSS was 40–50 MB below V8's default for the same CPU time (200 MB HAR).
  const options = { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: 8 } };
  if (extname(fileURLToPath(module)) !== ".ts") return new Worker(module, options);
  const load = `import("tsx/esm/api").then(({ register }) => (register(), import(${JSON.stringify(module.href)})))`;
  return new Worker(load, { ...options, eval: true });
}

export interface ParallelOptions {
  /** Worker threads (at least 1). */
  workers: number;
  /** Entries per batch (default 256); tests make them small, so that many batches are in flight. */
  batchEntries?: number;
  /** The worker module (default check-worker); tests give one that fails. */
  workerModule?: URL;
  /** Entries larger than this are reported, not parsed (default 32 MiB). */
  maxEntryBytes?: number;
}

/** A step of the report, in reading order: a batch's outcomes once a worker answers, or what the main thread found itself. */
type Step = { outcome?: BatchOutcome } | { apply: (tally: ReportTally) => void };

/** Collects the entries of one file into batches. */
class BatchBuilder {
  #parts: Buffer[] = [];
  #bytes = 0;
  #indices: number[] = [];
  #lines: number[] = [];

  constructor(
    readonly file: string,
    readonly entries: number,
  ) {}

  get size(): number {
    return this.#parts.length;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Adds an entry; true when the batch is full. */
  add(bytes: Buffer, index: number, line: number | undefined): boolean {
    this.#parts.push(bytes);
    this.#bytes += bytes.length;
    this.#indices.push(index);
    if (line !== undefined) this.#lines.push(line);
    return this.#parts.length >= this.entries || this.#bytes >= BATCH_BYTES;
  }

  take(seq: number): Batch {
    const bytes = new Uint8Array(this.#bytes);
    const ends = new Uint32Array(this.#parts.length);
    let end = 0;
    this.#parts.forEach((part, i) => {
      bytes.set(part, end);
      end += part.length;
      ends[i] = end;
    });
    const batch: Batch = { seq, file: this.file, bytes, ends, indices: Uint32Array.from(this.#indices) };
    if (this.#lines.length) batch.lines = Uint32Array.from(this.#lines);
    this.#parts = [];
    this.#bytes = 0;
    this.#indices = [];
    this.#lines = [];
    return batch;
  }
}

/** Checks recordings on worker threads; the same report as `checkFilesStreaming`. */
export async function checkFilesParallel(
  checker: ContractChecker,
  paths: string[],
  specName: string,
  listener: CheckListener,
  { workers, batchEntries = BATCH_ENTRIES, workerModule = CHECK_WORKER, maxEntryBytes }: ParallelOptions,
): Promise<ReportSummary> {
  const { files, sizes, totalBytes } = recordingsOf(paths);
  const tally = new ReportTally(specName, checker.operations, listener);
  const input: WorkerInput = { spec: checker.spec, options: checker.options };
  const pool = Array.from({ length: Math.max(1, workers) }, () => ({
    worker: startWorker(workerModule, input),
    queue: new WorkerQueue(),
  }));
  const steps: Step[] = [];
  let tallied = 0; // steps before this one are tallied and dropped
  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  const tallyReady = () => {
    for (let step = steps[0]; step; step = steps[0]) {
      if ("apply" in step) step.apply(tally);
      else if (step.outcome) {
        for (const place of step.outcome.operations) tally.entry(checker.operations[place]?.id);
        for (const failure of step.outcome.failures) tally.failure(failure);
      } else return;
      steps.shift();
      tallied++;
    }
  };
  for (const slot of pool) {
    slot.worker.on("message", (outcome: BatchOutcome) => {
      slot.queue.answered();
      (steps[outcome.seq - tallied] as { outcome?: BatchOutcome }).outcome = outcome;
      try {
        tallyReady();
      } catch (error) {
        failed ??= error as Error; // the listener's own error (a closed output): the check ends with it
      }
      wake?.();
    });
    slot.worker.on("error", (error) => {
      failed ??= error;
      wake?.();
    });
    slot.worker.on("exit", (code) => {
      failed ??= new Error(`a checking thread stopped (exit code ${code})`);
      wake?.();
    });
  }
  const waitForWorkers = () => new Promise<void>((resolve) => (wake = resolve));
  const send = async (batch: BatchBuilder) => {
    for (;;) {
      if (failed) throw failed;
      // The least busy worker that takes the batch now.
      const slot = pool
        .filter(({ queue }) => queue.accepts(batch.bytes))
        .reduce<(typeof pool)[number] | undefined>(
          (a, b) => (a && a.queue.batches <= b.queue.batches ? a : b),
          undefined,
        );
      if (slot) {
        const message = batch.take(tallied + steps.length);
        steps.push({});
        slot.queue.sent(message.bytes.length);
        const transfer = [message.bytes.buffer, message.ends.buffer, message.indices.buffer];
        if (message.lines) transfer.push(message.lines.buffer);
        slot.worker.postMessage(message, transfer);
        return;
      }
      await waitForWorkers();
    }
  };
  const local = (apply: (tally: ReportTally) => void) => {
    steps.push({ apply });
    tallyReady();
  };
  try {
    let bytesBefore = 0;
    for (const [i, file] of files.entries()) {
      const onBytes = (bytes: number) => listener.progress?.(bytesBefore + bytes, totalBytes, tally.entries);
      const batch = new BatchBuilder(file, batchEntries);
      let entries = 0;
      for (const record of readRecords(file, { onBytes, ...(maxEntryBytes ? { maxEntryBytes } : {}) })) {
        if (record.kind === "record") {
          entries++;
          if (batch.add(record.bytes, record.index, record.line)) await send(batch);
          continue;
        }
        if (batch.size) await send(batch);
        if (record.kind === "file") local((t) => t.fileFailure(file, record.message));
        else {
          entries++;
          local((t) => t.add(checkRecord(checker, file, record)));
        }
      }
      if (batch.size) await send(batch);
      const count = entries;
      local((t) => t.endFile(file, count));
      bytesBefore += sizes[i]!;
    }
    while (steps.length) {
      if (failed) throw failed;
      await waitForWorkers();
    }
  } finally {
    for (const { worker } of pool) worker.removeAllListeners("exit");
    await Promise.all(pool.map(({ worker }) => worker.terminate()));
  }
  return tally.end();
}

/**
 * Worker threads by default: one per core, at most two. Each holds its own compiled validators
 * (about 90 MB with its heap), and two keep the check of a 1 GB HAR under 300 MB; `--jobs` gives
 * more on a larger machine.
 */
export const DEFAULT_MAX_WORKERS = 2;

/** The threads a check of `totalBytes` of recordings runs on by default: one per core, at most DEFAULT_MAX_WORKERS, from PARALLEL_FROM_BYTES on. */
export function defaultJobs(totalBytes: number): number {
  return totalBytes >= PARALLEL_FROM_BYTES ? Math.min(availableParallelism(), DEFAULT_MAX_WORKERS) : 1;
}

/**
 * Checks recordings on `jobs` threads: by default, when the recordings add up to
 * PARALLEL_FROM_BYTES or more, on worker threads (one per core, at most DEFAULT_MAX_WORKERS), else
 * on this thread alone. The report is the same either way.
 */
export async function checkFiles(
  checker: ContractChecker,
  paths: string[],
  specName: string,
  listener: CheckListener,
  jobs?: number,
): Promise<ReportSummary> {
  // Directories are walked once, here; the check is given their files.
  const { files, totalBytes } = recordingsOf(paths);
  const threads = jobs ?? defaultJobs(totalBytes);
  return threads > 1
    ? checkFilesParallel(checker, files, specName, listener, { workers: threads })
    : checkFilesStreaming(checker, files, specName, listener);
}
