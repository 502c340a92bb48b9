// The sources stage: log files and the systemd journal, read as chunks of whole lines.
export type {
  ChunkConsumer,
  FilePosition,
  JournalPosition,
  LogChunk,
  LogSource,
  MemoryPosition,
  SourceEnd,
  SourcePosition,
} from './log-source.js';
export type { SourceStats } from './source-metrics.js';
export { filePositionKey, journalPositionKey, type PositionStore } from './position-store.js';
export { MemoryPositionStore } from './memory-position-store.js';
export { compileLogPathGlob, logPathMatches, type LogPathGlob } from './log-path-glob.js';
export { expandLogPath, type ExpandLogPath } from './expand-log-paths-io.js';
export {
  fileSourceDefaults,
  fillFileSourceOptions,
  type FileSourceOptions,
  type FilledFileSourceOptions,
  type StartAt,
  type WatchMode,
} from './file/file-source-config.js';
export type { FileSourceStats } from './file/file-source-metrics.js';
export { FileLogSource, createFileLogSource, type FileLogSourceDeps } from './file/file-log-source.js';
export type { WatchDirectory, DirectoryWatch } from './file/watch-directory-io.js';
export {
  fillJournalSourceOptions,
  journalSourceDefaults,
  type JournalSourceOptions,
  type FilledJournalSourceOptions,
} from './journal/journal-source-config.js';
export type { JournalSourceStats } from './journal/journal-source-metrics.js';
export {
  JournalLogSource,
  createJournalLogSource,
  type JournalLogSourceDeps,
} from './journal/journal-log-source.js';
export {
  formatJournalEntry,
  type JournalDateStyle,
  type JournalLine,
} from './journal/format-journal-entry.js';
export { MemoryLog } from './memory/memory-log.js';
export {
  MemoryLogSource,
  createMemoryLogSource,
  type MemoryLogSourceDeps,
} from './memory/memory-log-source.js';
export type { MemorySourceOptions } from './memory/memory-source-config.js';
