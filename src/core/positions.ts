// Positions where log sources resume after a restart, and the store that keeps them. Defined in core
// because sources write them and persistence stores them, and stages do not import each other.

/** Where a file source resumes: byte offset after the last whole line, and the md5 of the file's first
 * line (as fail2ban keeps) so that a replaced file is recognised and read from its start. */
export interface FilePosition {
  readonly kind: 'file';
  readonly path: string;
  readonly offset: number;
  /** Hex md5 of the first line including its newline; '' while the file has no whole first line. */
  readonly firstLineHash: string;
}

/** Where the journal source resumes: the __CURSOR of the last entry delivered. */
export interface JournalPosition {
  readonly kind: 'journal';
  readonly cursor: string;
}

/** The in-memory double's position: a byte offset into its log. */
export interface MemoryPosition {
  readonly kind: 'memory';
  readonly offset: number;
}

export type SourcePosition = FilePosition | JournalPosition | MemoryPosition;

export interface PositionStore {
  load(key: string): Promise<SourcePosition | undefined>;
  /** Sources call this after every chunk the consumer finished; a store may coalesce writes. */
  save(key: string, position: SourcePosition): Promise<void>;
}
