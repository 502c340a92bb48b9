export { createDecisionStage } from './decision-stage.js';
export type {
  DecisionOutcome,
  DecisionStage,
  DecisionStageOptions,
  JailBanStatus,
  StoredHistoryRow,
} from './decision-stage.js';
export type { DecisionIo } from './decision-io.js';
export { createSystemDecisionIo } from './system-decision-io.js';
export type { JailDecisionOptions } from './jail-decision-options.js';
export { createBanTimePolicy } from './ban-time-policy.js';
export type {
  BanDuration,
  BanTimeOptions,
  BanTimePolicy,
  BantimeIncrementOptions,
} from './ban-time-policy.js';
export type { ActiveBan } from './ban-index.js';
export { formatBanNotice, formatLogTime } from './format-ban-notice.js';
export type { BanNoticeOptions } from './format-ban-notice.js';
export type { IgnoreSource } from './ignore/ignore-list.js';
export type { RefreshProblem, RefreshReport } from './ignore/ignore-source-refresher.js';
export type { CommandExit, CommandRunner } from './ignore/ignore-command.js';
export { parseCommandTemplate } from './ignore/ignore-command-template.js';
export { compileBanFormula, evaluateConstantFormula } from './formula/index.js';
