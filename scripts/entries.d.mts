/** One entry point of the package: its subpath in `exports` and its source under lib/ (no extension). */
export interface Entry {
  readonly subpath: string;
  readonly source: string;
  /** Node only: the CommonJS build only (no ES module build for bundlers). */
  readonly node: boolean;
  readonly audience: string;
}
export declare const ENTRIES: readonly Entry[];
export declare const CLI: string;
export declare const EXTRA_FILES: readonly string[];
export declare const stubFolder: (subpath: string) => string | undefined;
export declare function packageFields(): { exports: Record<string, unknown>; files: string[] };
export declare const stubPackage: (entry: Entry) => Record<string, unknown>;
