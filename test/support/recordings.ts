// The recorded exchanges under a directory, entry by entry, for tests that replay or mutate them.
// A file that is not HAR is left out here: test/contract/recordings.test.ts reports it.
import { harFilesIn, readHar } from "../../src/contract/check-files.ts";
import type { HarEntry } from "../../src/contract/har.ts";

export interface Recorded {
  /** The file, relative to the directory read. */
  file: string;
  /** The entry's position in `log.entries`, from 0. */
  index: number;
  entry: HarEntry;
}

/** Every entry of every `.har` file under `directory` (a path ending in "/"). */
export function recordedEntries(directory: string): Recorded[] {
  return harFilesIn([directory]).flatMap((file) => {
    const read = readHar(file);
    return "har" in read
      ? read.har.log.entries.map((entry, index) => ({ file: file.slice(directory.length), index, entry }))
      : [];
  });
}
