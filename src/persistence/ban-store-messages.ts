// The messages between ThreadedBanStore and its writer thread (structured-cloned plain data).
import type { SourcePosition } from '../core/positions.js';
import type { BanDecision, UnbanDecision } from '../core/records.js';
import type { BanHistoryRow } from './ban-store.js';

export type StoreRequest = { readonly id: number } & (
  | { readonly method: 'recordBans'; readonly args: [readonly BanDecision[]] }
  | { readonly method: 'recordUnbans'; readonly args: [readonly UnbanDecision[], number] }
  | { readonly method: 'unbanAll'; readonly args: [string | undefined] }
  | { readonly method: 'importRecords'; readonly args: [readonly BanDecision[], readonly BanHistoryRow[]] }
  | { readonly method: 'purge'; readonly args: [number] }
  | { readonly method: 'save'; readonly args: [string, SourcePosition] }
  | { readonly method: 'flushPositions'; readonly args: [] }
  | { readonly method: 'close'; readonly args: [] }
);

export interface StoreResponse {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: {
    readonly code: string;
    readonly message: string;
    readonly details: Record<string, unknown>;
  };
}
