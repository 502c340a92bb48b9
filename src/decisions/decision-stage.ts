// The decision stage: BanCandidates in, BanDecisions out. For each candidate it validates the
// failure id as an address, applies the ignore lists (and ignorecommand), skips addresses already
// banned in the jail, and sets the ban time from the jail's policy and the address's ban history.
// The static ignore check is also offered before counting (ignoredBy), so ignored addresses cost no
// counting memory; ignorecommand runs only here, once per candidate ban instead of once per failure
// as in fail2ban: fewer processes, the same bans.
import type { Clock } from '../core/clock.js';
import { parseIpAddress, parseIpNetwork, type IpAddress, type IpNetwork } from '../core/ip-address.js';
import type { BanCandidate, BanDecision, FailureIdKind } from '../core/records.js';
import { BanHistory } from './ban-history.js';
import { BanIndex, type ActiveBan } from './ban-index.js';
import type { DecisionIo } from './decision-io.js';
import type { IgnoreSource } from './ignore/ignore-list.js';
import { IgnoreSourceRefresher, type RefreshReport } from './ignore/ignore-source-refresher.js';
import {
  buildJailStates,
  type JailDecisionOptions,
  type JailDecisionState,
} from './jail-decision-options.js';

export type DecisionOutcome =
  | {
      readonly kind: 'ban';
      readonly decision: BanDecision;
      /** What went wrong on the way without stopping the ban (ignorecommand, formula). */
      readonly problems: readonly string[];
    }
  | { readonly kind: 'ignored'; readonly source: IgnoreSource }
  /** `untilMs` is Infinity for a permanent ban. */
  | { readonly kind: 'already-banned'; readonly untilMs: number }
  /** The ban would have ended already (old log lines): fail2ban skips these too. */
  | { readonly kind: 'expired' }
  | { readonly kind: 'not-an-address'; readonly id: string }
  | { readonly kind: 'unknown-jail' };

/** One address's ban count in one jail, as a ban store keeps it. */
export interface StoredHistoryRow {
  readonly jail: string;
  readonly address: string;
  readonly count: number;
  readonly lastStartMs: number;
  /** Seconds of the latest ban; -1 = permanent. */
  readonly durationSec: number;
}

export interface DecisionStageOptions {
  readonly clock: Clock;
  readonly io: DecisionIo;
  readonly jails: Readonly<Record<string, JailDecisionOptions>>;
  /** fail2ban's dbpurgeage, for the ban history; default one day. */
  readonly historyPurgeAgeSec?: number;
  /** How often the ban index and history are swept (from calls, by the clock); default 60 s. */
  readonly sweepIntervalMs?: number;
}

export interface JailBanStatus {
  /** Active bans now. */
  readonly current: number;
  /** Bans since start, restored ones included. */
  readonly total: number;
}

export interface DecisionStage {
  /** The static ignore verdict (lists, names, files, own addresses) for a failure id, synchronously. */
  ignoredBy(jail: string, id: string, kind: FailureIdKind): IgnoreSource | undefined;
  /**
   * How many failures one failure of `id` counts for: with bantime.increment, an address banned n
   * times before in the jail counts 2^(n-1) + 1 (at most maxretry), as fail2ban's observer does, unless
   * the failure is not newer than that last ban.
   */
  failureWeight(jail: string, id: string, timeMs: number): number;
  decide(candidate: BanCandidate): Promise<DecisionOutcome>;
  /** A ban asked for by an operator (fail2nft ban): no ignore check, starts now. */
  banManually(jail: string, address: string): DecisionOutcome;
  /**
   * Reinstates a stored ban at start: the index when still active, and the history unless
   * `recordHistory` is false (the store's history rows, given to seedHistory, already count it).
   * True if active.
   */
  restore(decision: BanDecision, recordHistory?: boolean): boolean;
  /** Seeds the ban history from stored rows (bantime.increment across restarts). */
  seedHistory(rows: readonly StoredHistoryRow[]): void;
  /** Forgets an address's ban (index and history) in one jail or all; returns the jails it was active in. */
  unban(address: string, jail?: string): string[];
  /** Resolves host names, reads file: lists and own addresses. Await once before the first decision. */
  refreshIgnoreSources(): Promise<RefreshReport>;
  sweep(): void;
  status(jail: string): JailBanStatus | undefined;
  banned(jail?: string): ActiveBan[];
  /** Applies a new jail set (reload), keeping bans and history; throws like creation on bad options. */
  reconfigure(jails: Readonly<Record<string, JailDecisionOptions>>): void;
  /** ignorecommand failures since start, over all jails. */
  ignoreCommandErrors(): number;
}

type Target =
  | { readonly address: IpAddress; readonly network?: undefined }
  | { readonly network: IpNetwork; readonly address?: undefined };

/** The failure id as something a firewall set can hold, or undefined. */
function targetOf(id: string, kind: FailureIdKind): Target | undefined {
  if (kind === 'dns') return undefined;
  if (kind === 'network' || id.includes('/')) {
    const network = parseIpNetwork(id);
    if (network === undefined) return undefined;
    if (network.prefix === (network.family === 4 ? 32 : 128)) {
      const address = parseIpAddress(id.slice(0, id.indexOf('/')));
      return address === undefined ? undefined : { address };
    }
    return { network };
  }
  const address = parseIpAddress(id);
  return address === undefined ? undefined : { address };
}

function targetText(target: Target): string {
  return target.address !== undefined ? target.address.text : target.network.text;
}

function targetFamily(target: Target): 4 | 6 {
  return target.address !== undefined ? target.address.family : target.network.family;
}

export function createDecisionStage(options: DecisionStageOptions): DecisionStage {
  const { clock, io, sweepIntervalMs = 60_000 } = options;
  let jails = buildJailStates(options.jails, io.runCommand, clock);
  const index = new BanIndex();
  const history = new BanHistory(options.historyPurgeAgeSec);
  const refresher = new IgnoreSourceRefresher(io);
  let nextSweepMs = clock.now() + sweepIntervalMs;
  let retiredCommandErrors = 0;

  const sweepNow = (nowMs: number): void => {
    index.sweep(nowMs);
    history.purge(nowMs);
    nextSweepMs = nowMs + sweepIntervalMs;
  };

  const maybeSweep = (nowMs: number): void => {
    if (nowMs >= nextSweepMs) sweepNow(nowMs);
  };

  const staticIgnore = (state: JailDecisionState, target: Target): IgnoreSource | undefined =>
    target.address !== undefined
      ? state.ignore.match(target.address)
      : state.ignore.matchNetwork(target.network);

  /** Everything after the ignore checks: index, ban time, records. Synchronous, so never interleaved. */
  const ban = (
    state: JailDecisionState,
    target: Target,
    startMs: number,
    nowMs: number,
    details: { failures: number; matches?: readonly string[] },
    problems: string[],
  ): DecisionOutcome => {
    const text = targetText(target);
    const until = index.activeUntil(state.name, text, nowMs);
    if (until !== undefined) return { kind: 'already-banned', untilMs: until };
    const prior = history.prior(state.name, text, state.policy.overalljails, nowMs);
    const duration = state.policy.duration(prior.count, () => io.random());
    if (duration.error !== undefined) problems.push(duration.error);
    const endMs = duration.durationSec < 0 ? Infinity : startMs + duration.durationSec * 1000;
    if (endMs < nowMs) return { kind: 'expired' };
    index.add(state.name, text, startMs, endMs);
    history.record(state.name, text, startMs, duration.durationSec);
    const decision: BanDecision = {
      jail: state.name,
      address: text,
      family: targetFamily(target),
      startMs,
      durationSec: duration.durationSec,
      banCount: prior.count + 1,
      failures: details.failures,
      ...(details.matches === undefined ? {} : { matches: details.matches }),
    };
    return { kind: 'ban', decision, problems };
  };

  return {
    ignoredBy(jail, id, kind) {
      const state = jails.get(jail);
      const target = state === undefined ? undefined : targetOf(id, kind);
      return state === undefined || target === undefined ? undefined : staticIgnore(state, target);
    },

    failureWeight(jail, id, timeMs) {
      const state = jails.get(jail);
      if (state === undefined || !state.policy.incrementEnabled) return 1;
      const prior = history.prior(jail, id, false, clock.now());
      if (prior.count === 0 || (prior.lastStartMs !== undefined && timeMs <= prior.lastStartMs)) return 1;
      return Math.min(2 ** (Math.min(prior.count, 20) - 1) + 1, state.maxretry);
    },

    async decide(candidate) {
      const state = jails.get(candidate.jail);
      if (state === undefined) return { kind: 'unknown-jail' };
      const target = targetOf(candidate.id, candidate.kind);
      if (target === undefined) return { kind: 'not-an-address', id: candidate.id };
      const nowMs = clock.now();
      maybeSweep(nowMs);
      const source = staticIgnore(state, target);
      if (source !== undefined) return { kind: 'ignored', source };
      const text = targetText(target);
      const until = index.activeUntil(state.name, text, nowMs);
      if (until !== undefined) return { kind: 'already-banned', untilMs: until };
      const problems: string[] = [];
      if (state.command !== undefined && target.address !== undefined) {
        const verdict = await state.command.check({
          address: target.address,
          id: candidate.id,
          ...(candidate.user === undefined ? {} : { user: candidate.user }),
        });
        if (verdict.ignored) return { kind: 'ignored', source: 'command' };
        if (verdict.error !== undefined) problems.push(verdict.error);
      }
      // The jail may have been reloaded away while the command ran.
      const current = jails.get(candidate.jail);
      if (current === undefined) return { kind: 'unknown-jail' };
      return ban(current, target, candidate.timeMs, clock.now(), candidate, problems);
    },

    banManually(jail, address) {
      const state = jails.get(jail);
      if (state === undefined) return { kind: 'unknown-jail' };
      const target = targetOf(address, 'address');
      if (target === undefined) return { kind: 'not-an-address', id: address };
      const nowMs = clock.now();
      maybeSweep(nowMs);
      return ban(state, target, nowMs, nowMs, { failures: 0 }, []);
    },

    restore(decision, recordHistory = true) {
      const target = targetOf(decision.address, 'address');
      if (target === undefined) return false;
      const text = targetText(target);
      const nowMs = clock.now();
      if (recordHistory) history.record(decision.jail, text, decision.startMs, decision.durationSec);
      const endMs = decision.durationSec < 0 ? Infinity : decision.startMs + decision.durationSec * 1000;
      if (endMs < nowMs || index.activeUntil(decision.jail, text, nowMs) !== undefined) return false;
      index.add(decision.jail, text, decision.startMs, endMs);
      return true;
    },

    seedHistory(rows) {
      for (const row of rows) {
        const target = targetOf(row.address, 'address');
        if (target === undefined || row.count < 1) continue;
        history.record(row.jail, targetText(target), row.lastStartMs, row.durationSec, row.count);
      }
    },

    unban(address, jail) {
      const target = targetOf(address, 'address');
      if (target === undefined) return [];
      const text = targetText(target);
      const nowMs = clock.now();
      const names = jail === undefined ? index.jailsOf(text) : [jail];
      const active = names.filter((name) => index.activeUntil(name, text, nowMs) !== undefined);
      for (const name of names) index.remove(name, text);
      history.forget(text, jail);
      return active;
    },

    refreshIgnoreSources() {
      return refresher.refresh([...jails.values()].map((state) => state.ignore));
    },

    sweep() {
      sweepNow(clock.now());
    },

    status(jail) {
      if (!jails.has(jail)) return undefined;
      return { current: index.activeCount(clock.now(), jail), total: index.total(jail) };
    },

    banned(jail) {
      return index.list(clock.now(), jail);
    },

    reconfigure(next) {
      const states = buildJailStates(next, io.runCommand, clock);
      for (const [name, state] of jails) {
        retiredCommandErrors += state.command?.errors ?? 0;
        if (!states.has(name)) index.dropJail(name);
      }
      refresher.applyKnown([...states.values()].map((state) => state.ignore));
      jails = states;
    },

    ignoreCommandErrors() {
      let errors = retiredCommandErrors;
      for (const state of jails.values()) errors += state.command?.errors ?? 0;
      return errors;
    },
  };
}
