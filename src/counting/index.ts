export { createCountingStage } from './counting-stage.js';
export type { CountingStage, CountingStageOptions, JailCountingStatus } from './counting-stage.js';
export { fillCountingOptions, DEFAULT_MAX_TRACKED, MAX_MAXRETRY } from './counting-options.js';
export type { CountingOptions, FilledCountingOptions } from './counting-options.js';
export { FailureCounter } from './failure-counter.js';
export type { SweepResult, ThresholdReached } from './failure-counter.js';
