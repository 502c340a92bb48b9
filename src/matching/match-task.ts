// Messages between the match engine and its worker threads (plain, structured-clonable data). A chunk
// travels as a view of shared memory, so no worker copies it. The worker entry imports this file and the
// pure matching modules only.
import type { FaultInjection } from './match-engine-types.js';
import type { PackedFailures } from './packed-failures.js';
import type { ChunkResult, DateCarry, SourceMatcherOptions, SourceSpec } from './source-matcher-types.js';

/**
 * Which jails of a source a task matches: those whose chunks can go to any worker (stateless: maxlines 1
 * and no <F-MLFID>), or those that need every chunk in order with their state (stateful).
 */
export type SourcePart = 'stateless' | 'stateful';

export interface WorkerSource {
  readonly stateless?: SourceSpec;
  readonly stateful?: SourceSpec;
}

export interface WorkerSetup {
  readonly sources: Readonly<Record<string, WorkerSource>>;
  readonly options: Omit<SourceMatcherOptions, 'clock'>;
  readonly fault?: FaultInjection & { readonly remaining: Int32Array };
}

export interface MatchTask {
  readonly sourceId: string;
  readonly part: SourcePart;
  readonly seq: number;
  readonly buffer: SharedArrayBuffer | ArrayBuffer;
  readonly offset: number;
  readonly length: number;
  readonly nowMs: number;
  readonly inOperation: boolean;
  /** The date memory to start from; entries null when unknown (see ChunkContext.carry). */
  readonly carry: readonly (DateCarry | null)[];
}

export interface MatchTaskResult extends Omit<ChunkResult, 'failures'> {
  /** The failures, jails numbered in the part's SourceSpec order. */
  readonly failures: PackedFailures;
  /** A stateful part found no state for a chunk after the first (its worker was replaced). */
  readonly stateLost: boolean;
  /** Time the worker spent on the task (match cost and worker utilisation metrics). */
  readonly busyMs: number;
}
