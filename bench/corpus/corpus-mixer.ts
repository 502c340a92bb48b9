// Interleaves ordinary sessions and attack campaigns into one time-ordered log.
//
// Line i is written at a time drawn from a Poisson process of the configured rate, so timestamps never
// go back. Each line comes from the attack side while failure lines are behind the target ratio and from
// the ordinary side otherwise, which holds the failure ratio close to its target at every point of the
// file. Campaigns start on a schedule spread over the file (one per attacker), early when the attack
// side has nothing ready, and as returning attackers once every configured attacker has been used.
import { budgetScale, type CampaignPlan } from './campaign-plan.js';
import type { GroundTruthCounter } from './ground-truth.js';
import { jailOfKind, type LineKind } from './line-kinds.js';
import type { Prng } from './prng.js';
import type { Script } from './session.js';
import type { SessionContext } from './session-context.js';
import { SessionPool } from './session-pool.js';
import { formatSyslogTimestamp, formatTag } from './syslog-line.js';

export interface Profile {
  /** Syslog host field. */
  readonly host: string;
  /** Ordinary sessions kept writing at once (more are pausing). */
  readonly ordinaryConcurrency: number;
  /** Attack campaigns started on schedule only while fewer than this are ready. */
  readonly attackConcurrency: number;
  /** A new ordinary session; `withFailures` allows the rare legitimate one that fails (a typo). */
  ordinary(ctx: SessionContext, withFailures: boolean): Script;
  campaign(ctx: SessionContext, plan: CampaignPlan): Script;
  /** The plan for a new attacking address (flood mode plans differently from the others). */
  plan(prng: Prng, address: string, scale: number): CampaignPlan;
}

/** Where attacking addresses come from; undefined once the configured number is used up. */
export interface AddressSource {
  readonly total: number;
  next(): string | undefined;
}

export interface LineSink {
  write(text: string): void;
}

export interface MixSettings {
  readonly lines: number;
  /** Unix seconds of the first line (lines come later by Poisson gaps). */
  readonly start: number;
  /** Lines per second on average. */
  readonly rate: number;
  readonly failureRatio: number;
}

export interface MixSummary {
  readonly lines: number;
  readonly failureLines: number;
  readonly firstTime: number;
  readonly lastTime: number;
  readonly campaigns: number;
  /** Configured attacking addresses that started a campaign (the rest did not fit in the file). */
  readonly attackersUsed: number;
  readonly returningCampaigns: number;
  readonly byKind: Readonly<Partial<Record<LineKind, number>>>;
}

/** Sessions ever alive at once on the attack side; a guard, far above what the schedule reaches. */
const ATTACK_POOL_LIMIT = 20000;
/** Addresses remembered for returning attackers. */
const RETURN_MEMORY = 4096;

export function mixCorpus(
  profile: Profile,
  ctx: SessionContext,
  attackers: AddressSource,
  settings: MixSettings,
  sink: LineSink,
  truth: GroundTruthCounter,
): MixSummary {
  const { prng } = ctx;
  const ordinary = new SessionPool();
  const attack = new SessionPool();
  const duration = settings.lines / settings.rate;
  const targetFailures = settings.lines * settings.failureRatio;
  const byKind = new Map<LineKind, number>();
  const recent: string[] = [];
  let failures = 0;
  let campaigns = 0;
  let returning = 0;
  let attackersUsed = 0;
  let plannedFailures = 0;
  let campaignFailures = 0;
  let exhausted = attackers.total === 0;

  let now = settings.start;
  let firstTime = -1;
  let second = -1;
  let prefix = '';

  const scaleForNext = (): number => {
    const outstanding = Math.max(0, plannedFailures - campaignFailures);
    const remainingBudget = targetFailures - failures - outstanding;
    const remainingAttackers = Math.max(1, attackers.total - attackersUsed);
    return budgetScale(remainingBudget / remainingAttackers);
  };

  const startCampaign = (): boolean => {
    if (attack.size >= ATTACK_POOL_LIMIT) return false;
    let plan: CampaignPlan;
    const address = exhausted ? undefined : attackers.next();
    if (address !== undefined) {
      plan = profile.plan(prng, address, scaleForNext());
      attackersUsed++;
      if (recent.length < RETURN_MEMORY) recent.push(address);
      else recent[prng.below(RETURN_MEMORY)] = address;
    } else {
      exhausted = true;
      if (recent.length === 0) return false;
      // Unscaled: the rest of the failure budget is spread over as many returns as it takes.
      plan = profile.plan(prng, prng.pick(recent), 1);
      returning++;
    }
    campaigns++;
    plannedFailures += plan.budget;
    attack.add(countFailures(profile.campaign(ctx, plan)));
    return true;
  };

  // Campaign failure lines are counted as they are written, to know how much budget is still planned.
  function* countFailures(script: Script): Script {
    for (const step of script) {
      if (!('wait' in step) && jailOfKind(step.kind) !== undefined) campaignFailures++;
      yield step;
    }
  }

  const scheduledAt = (index: number): number =>
    settings.start + (duration * (index + 0.5)) / Math.max(1, attackers.total);

  for (let i = 0; i < settings.lines; i++) {
    now += prng.exponential(1 / settings.rate);
    ctx.now = now;
    ordinary.wake(now);
    attack.wake(now);

    let step = undefined;
    if (failures < settings.failureRatio * (i + 1)) {
      for (let n = 0; n < 64 && !exhausted && attack.readyCount < profile.attackConcurrency; n++) {
        if (scheduledAt(attackersUsed) > now || !startCampaign()) break;
      }
      step = attack.take(prng, now);
      for (let n = 0; n < 4 && step === undefined; n++) {
        if (!startCampaign()) break;
        step = attack.take(prng, now);
      }
    }
    for (let n = 0; n < 64 && step === undefined; n++) {
      while (ordinary.readyCount < profile.ordinaryConcurrency)
        ordinary.add(profile.ordinary(ctx, settings.failureRatio > 0));
      step = ordinary.take(prng, now);
    }
    if (step === undefined) throw new Error('no ordinary session produced a line');

    const at = Math.floor(now);
    if (at !== second) {
      second = at;
      prefix = `${formatSyslogTimestamp(at)} ${profile.host} `;
      if (firstTime < 0) firstTime = at;
    }
    sink.write(`${prefix}${formatTag(step.program, step.pid)}: ${step.message}\n`);
    byKind.set(step.kind, (byKind.get(step.kind) ?? 0) + 1);
    const jail = jailOfKind(step.kind);
    if (jail !== undefined) {
      if (step.address === undefined) throw new Error(`failure line without address: ${step.kind}`);
      truth.record(jail, step.address, at);
      failures++;
    }
  }

  const sortedKinds = [...byKind].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    lines: settings.lines,
    failureLines: failures,
    firstTime,
    lastTime: second,
    campaigns,
    attackersUsed,
    returningCampaigns: returning,
    byKind: Object.fromEntries(sortedKinds),
  };
}
