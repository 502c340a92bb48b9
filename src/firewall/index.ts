// The firewall stage: jail specs from fail2ban actions, nft/ipset script rendering, the backends and
// the ban batcher.
export type {
  Blocktype,
  FirewallJailSpec,
  FirewallPorts,
  FirewallProtocols,
  FirewallRule,
  PortRange,
  TransportProtocol,
} from './firewall-jail-spec.js';
export {
  firewallSpecOf,
  type FirewallActionInput,
  type FirewallSpecProblem,
  type FirewallSpecResult,
} from './firewall-spec-of.js';
export { banactionTable } from './banaction-table.js';
export { parseServiceTable, wellKnownServiceTable, type ServiceTable } from './service-table.js';
export { readServiceTable } from './read-service-table-io.js';
export type {
  ApplyResult,
  FirewallBackend,
  FirewallBackendKind,
  FirewallBackendStats,
  FirewallBatch,
  FirewallDescription,
  FirewallJailDescription,
  FirewallStartResult,
  RejectedChange,
} from './firewall-backend.js';
export { banTimeoutSec, bansToRefresh, type RefreshPolicy } from './ban-timeout.js';
export { classifyAddress, planElements, type ElementPlan } from './element-plan.js';
export { jailSetBase, jailSetNames, type JailSetNames, type SetKind } from './set-names.js';
export {
  formatNftTimeout,
  nftSetNames,
  renderNftBatch,
  renderNftReconcile,
  renderNftSetup,
  type ElementUpdate,
  type ElementUpdateOption,
  type NftLayout,
} from './render-nft-script.js';
export {
  ipsetSetNames,
  renderIpsetBatch,
  renderIpsetReconcile,
  renderIpsetSetup,
  renderIptablesRules,
  type IpsetLayout,
} from './render-ipset-script.js';
export {
  fillNftablesBackendOptions,
  nftablesBackendDefaults,
  type NftablesBackendOptions,
  type FilledNftablesBackendOptions,
} from './nftables-backend-options.js';
export { NftablesBackend, createNftablesBackend, type NftablesBackendDeps } from './nftables-backend.js';
export {
  fillIpsetBackendOptions,
  ipsetBackendDefaults,
  type IpsetBackendOptions,
  type FilledIpsetBackendOptions,
} from './ipset-backend-options.js';
export { IpsetBackend, createIpsetBackend, type IpsetBackendDeps } from './ipset-backend.js';
export {
  DryRunBackend,
  createDryRunBackend,
  type DryRunBackendOptions,
  type DryRunBackendDeps,
  type DryRunElement,
  type DryRunKernel,
  type DryRunOperation,
} from './dry-run-backend.js';
export { spawnCommand, type CommandResult, type CommandRunner } from './run-command-io.js';
export {
  createHelperCommandRunner,
  type HelperCommandRunner,
  type HelperCommandRunnerOptions,
} from './helper-command-runner-io.js';
export { createSystemTimers, type FirewallTimers, type TimerHandle } from './firewall-timers.js';
export { ManualTimers } from './manual-timers.js';
export {
  banBatcherDefaults,
  createBanBatcher,
  isBan,
  type BanBatcher,
  type BanBatcherOptions,
  type BanBatcherRetry,
  type BanBatcherStats,
  type BatchFailure,
  type FirewallChange,
} from './ban-batcher.js';
