// The label vocabulary of fail2nft's metrics. Every label value is either a name from the configuration
// (jail, filter, source, backend) or one of the fixed sets below, so the number of series is bounded by
// the configuration; no label ever carries an address, a user or a log line.
import type { ErrorCode } from '../core/error-codes.js';

/** The only label names fail2nft's own metrics use (a test keeps the registry to this list). */
export const allowedLabelNames = [
  'jail',
  'filter',
  'source',
  'backend',
  'result',
  'stage',
  'code',
  'reason',
  'worker',
] as const;

export type MetricLabelName = (typeof allowedLabelNames)[number];

/** Why a line was not matched at all. */
export const lineSkipReasons = ['too_long', 'invalid'] as const;
export type LineSkipReason = (typeof lineSkipReasons)[number];

/** Lines matched although they are not clean text. */
export const irregularLineReasons = ['invalid_utf8', 'nul'] as const;
export type IrregularLineReason = (typeof irregularLineReasons)[number];

/** How a followed file changed under its path. */
export const rotationReasons = ['rotated', 'truncated'] as const;
export type RotationReason = (typeof rotationReasons)[number];

/** What the decision stage did with a ban candidate. */
export const candidateResults = ['banned', 'ignored', 'already_banned'] as const;
export type CandidateResult = (typeof candidateResults)[number];

/** Why an address was banned: its failures, a control command, or a ban restored from the store at start. */
export const banReasons = ['failures', 'manual', 'restored'] as const;
export type BanReason = (typeof banReasons)[number];

/** Why an address was unbanned: its ban time ran out, a control command, or its jail was stopped. */
export const unbanReasons = ['expired', 'manual', 'flushed'] as const;
export type UnbanReason = (typeof unbanReasons)[number];

export const transactionResults = ['committed', 'failed'] as const;
export type TransactionResult = (typeof transactionResults)[number];

export const reloadResults = ['ok', 'failed'] as const;
export type ReloadResult = (typeof reloadResults)[number];

/** The pipeline stages, as the `stage` label of fail2nft_errors_total. */
export const metricStages = [
  'config',
  'sources',
  'matching',
  'counting',
  'decisions',
  'firewall',
  'persistence',
  'control',
  'observability',
  'service',
] as const;
export type MetricStage = (typeof metricStages)[number];

/** The `code` label: a registered error code (bounded by the registry). */
export type MetricErrorCode = ErrorCode;
