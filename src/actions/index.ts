export { createActionRunner, DEFAULT_ACTION_CONCURRENCY } from './action-runner.js';
export type {
  ActionReport,
  ActionRunner,
  ActionRunnerOptions,
  ActionStatsEntry,
  ActionStopOptions,
} from './action-runner.js';
export type {
  ActionHandler,
  ActionKind,
  ActionOperation,
  ActionOutcome,
  ActionStats,
  BanInfo,
  SkipReason,
  UnbanInfo,
} from './action-handler.js';
export type { ActionSpec } from './action-spec.js';
export { createActionHandler } from './create-action-handler.js';
export type { ActionHandlerDeps } from './create-action-handler.js';
export { createCommandAction } from './command-action.js';
export type { CommandActionDeps } from './command-action.js';
export { createMailAction } from './mail/mail-action.js';
export type { MailActionDeps } from './mail/mail-action.js';
export { mailVariantOf } from './mail/mail-variant.js';
export type { MailVariant } from './mail/mail-variant.js';
export { substituteActionTags } from './substitute-action-tags.js';
export type { ActionTagValues } from './substitute-action-tags.js';
export type { RenderedCommand, BanTimeValues } from './render-shell-template.js';
export { quoteShellWord } from './quote-shell-word.js';
export { createChildProcessRunner } from './child-process-runner-io.js';
export type { ChildProcessRunnerOptions } from './child-process-runner-io.js';
export type { ProcessRequest, ProcessResult, ProcessRunner } from './process-runner.js';
export { systemHostNames, hostNamesOf } from './host-names-io.js';
export type { HostNames } from './ban-time-values.js';
export { DEFAULT_ACTION_TIMEOUT_MS } from './action-option-values.js';
