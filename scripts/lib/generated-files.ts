/** Everything `npm run generate` writes, including the recordings derived from the spec (paths from the repository's root). */
export const GENERATED_FILES = ["generated", "DOC-DEFECTS.md", "test/recordings/vendor-doc"];
