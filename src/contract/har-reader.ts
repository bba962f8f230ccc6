// Reads the entries of a recording one at a time, in bounded memory, whatever the file's size: a
// HAR file (one JSON document, `log.entries` inside) or NDJSON (one HAR entry per line, as traffic
// logs write them).
//
// A HAR file is read in chunks. The document's frame — everything outside the entries — goes
// through @streamparser/json, which checks its syntax and says where `log.entries` is. Each
// object or array four levels down (an entry of `log.entries`, or a page of `log.pages`) is cut
// out of the byte stream by a small scanner that only follows strings and brackets; the parser
// sees an empty placeholder in its place, and an entry's bytes are parsed with JSON.parse, which
// validates them. The streaming parser alone reads about 9 MB/s here (a 1 GB HAR would take two
// minutes); cutting the entries out keeps its guarantees for the frame at JSON.parse's speed.
//
// `readRecords` hands on each entry's bytes unparsed, so that another thread can parse and check
// them (check-parallel.ts); `readEntries` parses them here.
import { closeSync, openSync, readSync } from "node:fs";
import { JSONParser } from "@streamparser/json";

/** An entry that could not be read; the reading goes on after it. */
export type UnreadableItem = { kind: "unreadable"; index: number; line?: number; message: string };
/** The file is not a recording (from here on); nothing more is read from it. */
export type FileItem = { kind: "file"; message: string };

/** An entry's bytes as cut out of the file, not parsed yet (`parseRecord` parses them). */
export type RecordItem = { kind: "record"; index: number; line?: number; bytes: Buffer } | UnreadableItem | FileItem;

export type ReadItem =
  /** An entry as parsed: any JSON value (the checker says when it is not a HAR entry). */
  { kind: "entry"; index: number; line?: number; entry: unknown } | UnreadableItem | FileItem;

export interface ReadOptions {
  /** Entries larger than this are reported, not parsed (default 32 MiB). */
  maxEntryBytes?: number;
  /** Told the file's bytes read so far, after each chunk. */
  onBytes?: (bytes: number) => void;
  /** Bytes read at a time (default 1 MiB). */
  chunkBytes?: number;
}

export const DEFAULT_MAX_ENTRY_BYTES = 32 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
/** A string, number or run of white space outside the entries longer than this ends the reading. */
const MAX_FRAME_VALUE_BYTES = 1024 * 1024;
/** Containers at this depth (root › log › entries › entry) are cut out of the frame. */
const CUT_DEPTH = 4;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
/** JSON's white space: a line of nothing else in an NDJSON file is blank. */
const WHITE_SPACE = new Set([0x20, 0x09, 0x0d, 0x0a]);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const PLACEHOLDER: Record<number, Uint8Array> = {
  0x7b: new TextEncoder().encode("{}"),
  0x5b: new TextEncoder().encode("[]"),
};
const STRUCTURAL = new Set([0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a]);

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** The entries' bytes of a `.ndjson`/`.jsonl` file (one per line) or of any other file, read as HAR. */
export function readRecords(file: string, options: ReadOptions = {}): Generator<RecordItem> {
  return /\.(ndjson|jsonl)$/i.test(file) ? ndjsonRecords(file, options) : harRecords(file, options);
}

/** The entries of a recording, parsed. */
export function* readEntries(file: string, options: ReadOptions = {}): Generator<ReadItem> {
  for (const item of readRecords(file, options)) yield parseRecord(item);
}

/** An entry's bytes parsed as JSON (the other items as they are). */
export function parseRecord(item: Exclude<RecordItem, FileItem>): Exclude<ReadItem, FileItem>;
export function parseRecord(item: RecordItem): ReadItem;
export function parseRecord(item: RecordItem): ReadItem {
  if (item.kind !== "record") return item;
  const { index, line, bytes } = item;
  const where = line === undefined ? { index } : { index, line };
  try {
    return { kind: "entry", ...where, entry: JSON.parse(bytes.toString("utf8")) };
  } catch (error) {
    return { kind: "unreadable", ...where, message: `not valid JSON: ${(error as Error).message}` };
  }
}

const joined = (parts: Buffer[]) => (parts.length === 1 ? parts[0]! : Buffer.concat(parts));

function* chunksOf(file: string, { onBytes, chunkBytes = CHUNK_BYTES }: ReadOptions): Generator<Buffer> {
  const fd = openSync(file, "r");
  try {
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkBytes);
      const length = readSync(fd, chunk, 0, chunkBytes, null);
      if (length === 0) return;
      total += length;
      yield chunk.subarray(0, length);
      onBytes?.(total);
    }
  } finally {
    closeSync(fd);
  }
}

/** Where the frame's parser is: which entry a cut-out container is, and what it has seen of `log.entries`. */
class Frame {
  readonly #parser = new JSONParser({ paths: ["$.log.entries", "$.log.entries.*"], keepStack: false });
  readonly queue: RecordItem[] = [];
  entries: "none" | "array" | "other" = "none";
  /** The index of the entry whose placeholder was just written, if it was one. */
  cutIndex: number | undefined;

  constructor() {
    this.#parser.onValue = ({ value, key, parent, stack }) => {
      if (stack.length === 2) {
        this.entries = Array.isArray(value) ? "array" : "other";
        return;
      }
      // An entry: drop it from the parser's copy of log.entries, so memory stays flat.
      if (Array.isArray(parent)) parent.length = 0;
      else if (parent && typeof key === "string") delete (parent as Record<string, unknown>)[key];
      if (typeof key !== "number") this.entries = "other";
      else if (this.#placeholder) this.cutIndex = key;
      else this.queue.push({ kind: "record", index: key, bytes: Buffer.from(JSON.stringify(value)) });
    };
  }

  #placeholder = false;

  /** File offset just past the frame's bytes written so far: where a syntax error is. */
  end = 0;

  write(bytes: Uint8Array, end: number): void {
    this.end = end;
    if (bytes.length) this.#parser.write(bytes);
  }

  /** Writes the placeholder of a cut-out container; returns its entry index when it is an entry. */
  cut(open: number): number | undefined {
    this.cutIndex = undefined;
    this.#placeholder = true;
    try {
      this.#parser.write(PLACEHOLDER[open]!);
    } finally {
      this.#placeholder = false;
    }
    return this.cutIndex;
  }

  close(): void {
    if (this.#parser.isEnded) return;
    try {
      this.#parser.end();
    } catch {
      throw new FrameError("it ends before its JSON is complete");
    }
  }
}

/**
 * Follows strings and brackets byte by byte. `scan` stops at a byte that opens or closes a
 * container at CUT_DEPTH and returns its index (or the chunk's length); inside a cut-out container
 * it does nothing else, so its loop stays tight. In the frame it also bounds the length of values.
 */
class ByteScanner {
  inString = false;
  escaped = false;
  depth = 0;
  /** Bytes since the last structural character of the frame. */
  run = 0;

  scan(chunk: Buffer, from: number, offset: number): number {
    return this.depth >= CUT_DEPTH ? this.#inside(chunk, from) : this.#frame(chunk, from, offset);
  }

  #inside(chunk: Buffer, from: number): number {
    let { inString, escaped, depth } = this;
    const end = chunk.length;
    let i = from;
    while (i < end) {
      if (inString) {
        // Straight to the string's closing quote: most of an entry's bytes are in strings.
        if (escaped) {
          escaped = false;
          i++;
        }
        while (i < end) {
          const c = chunk[i++]!;
          if (c === QUOTE) {
            inString = false;
            break;
          }
          if (c === BACKSLASH) {
            if (i < end) i++;
            else escaped = true;
          }
        }
        continue;
      }
      const c = chunk[i]!;
      if (c === QUOTE) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if ((c === 0x7d || c === 0x5d) && depth-- === CUT_DEPTH) break;
      i++;
    }
    this.inString = inString;
    this.escaped = escaped;
    this.depth = depth;
    this.run = 0;
    return i;
  }

  #frame(chunk: Buffer, from: number, offset: number): number {
    let i = from;
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) this.inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++this.depth === CUT_DEPTH) return i;
      } else if (c === 0x7d || c === 0x5d) this.depth--;
      this.run = !this.inString && STRUCTURAL.has(c) ? 0 : this.run + 1;
      if (this.run > MAX_FRAME_VALUE_BYTES)
        throw new FrameError("a value outside the entries is longer than 1 MiB", offset + i);
    }
    return i;
  }
}

/** The entries of a HAR file, in the order of `log.entries`. */
export function* harRecords(file: string, options: ReadOptions = {}): Generator<RecordItem> {
  const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const frame = new Frame();
  const scanner = new ByteScanner();
  let offset = 0; // file offset of the current chunk
  /**
   * The container being cut out: its entry index (undefined: not an entry, skipped), its bytes in
   * earlier chunks, and where it starts in the current one. An entry within one chunk is handed on
   * as a view of it, not copied.
   */
  let cut: { index: number | undefined; parts: Buffer[]; bytes: number; start: number } | undefined;

  const keep = (chunk: Buffer, to: number) => {
    const from = cut!.start;
    if (cut!.index === undefined || to <= from) return;
    cut!.bytes += to - from;
    if (cut!.bytes <= maxEntryBytes) cut!.parts.push(chunk.subarray(from, to));
    else cut!.parts = [];
  };
  const finishCut = (): RecordItem | undefined => {
    const { index, parts, bytes } = cut!;
    cut = undefined;
    if (index === undefined) return undefined;
    if (bytes > maxEntryBytes)
      return { kind: "unreadable", index, message: `it is larger than ${megabytes(maxEntryBytes)}: not read` };
    return { kind: "record", index, bytes: joined(parts) };
  };

  try {
    for (const chunk of chunksOf(file, options)) {
      let from = 0;
      while (from < chunk.length) {
        const inside = cut !== undefined;
        const at = scanner.scan(chunk, from, offset);
        if (inside) {
          if (at < chunk.length) {
            keep(chunk, at + 1);
            const item = finishCut();
            if (item) yield item;
          }
        } else {
          frame.write(chunk.subarray(from, at), offset + at);
          if (at < chunk.length) cut = { index: frame.cut(chunk[at]!), parts: [], bytes: 0, start: at };
        }
        if (frame.queue.length) yield* frame.queue.splice(0);
        from = at + 1;
      }
      if (cut) {
        keep(chunk, chunk.length);
        cut.start = 0;
      }
      offset += chunk.length;
    }
    if (offset === 0) throw new FrameError("it is empty");
    frame.close();
    yield* frame.queue.splice(0);
  } catch (error) {
    yield* frame.queue.splice(0);
    yield { kind: "file", message: readFailure(error, frame.end) };
    return;
  }
  if (frame.entries === "none") yield { kind: "file", message: "not a HAR file: it has no log.entries array" };
  else if (frame.entries === "other") yield { kind: "file", message: "not a HAR file: log.entries is not an array" };
}

class FrameError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

function readFailure(error: unknown, offset: number): string {
  if (error instanceof FrameError)
    return `not a HAR file: ${error.message}${error.offset === undefined ? "" : ` (byte ${error.offset})`}`;
  const { code, message } = error as NodeJS.ErrnoException;
  if (code) return `cannot read it: ${message}`;
  // The parser's positions count the frame's bytes, not the file's: the chunk's offset is said instead.
  const reason = message.replace(/ at chunk position "\d+" \(absolute position "\d+"\)/, "").slice(0, 200);
  return `not a HAR file: its JSON is invalid before byte ${offset} (${reason})`;
}

/** A line of JSON white space only, and so no entry. */
function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (!WHITE_SPACE.has(byte)) return false;
  return true;
}

/** The entries of an NDJSON file: one JSON value per line; blank lines are skipped. */
export function* ndjsonRecords(file: string, options: ReadOptions = {}): Generator<RecordItem> {
  const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  let parts: Buffer[] = [];
  let bytes = 0;
  let line = 0;
  let index = 0;
  const finishLine = (): RecordItem | undefined => {
    line++;
    const size = bytes;
    const collected = parts;
    parts = [];
    bytes = 0;
    if (size > maxEntryBytes)
      return {
        kind: "unreadable",
        index: index++,
        line,
        message: `it is larger than ${megabytes(maxEntryBytes)}: not read`,
      };
    const raw = joined(collected);
    const text = line === 1 && raw.subarray(0, BOM.length).equals(BOM) ? raw.subarray(BOM.length) : raw;
    if (isBlank(text)) return undefined;
    return { kind: "record", index: index++, line, bytes: text };
  };
  const keep = (piece: Buffer) => {
    bytes += piece.length;
    if (bytes <= maxEntryBytes) parts.push(piece);
    else parts = [];
  };
  for (const chunk of chunksOf(file, options)) {
    let from = 0;
    for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, from)) {
      keep(chunk.subarray(from, at));
      const item = finishLine();
      if (item) yield item;
      from = at + 1;
    }
    keep(chunk.subarray(from));
  }
  if (bytes > 0) {
    const item = finishLine();
    if (item) yield item;
  }
}
