// How much each attacking address fails, and how fast. A campaign's budget is counted in failure lines
// (lines a jail counts), so "below maxretry" means what it says whatever the service logs per attempt.
//
// Classes, chosen so the sliding-window ground truth and fail2ban's own rate-scaled counter agree:
//   probe  1-4 failure lines in all: never banned.
//   burst  5-40 failure lines, connections 0-15 s apart: banned (far faster than 5 per 600 s).
//   heavy  100-600 failure lines, back to back: banned, and keeps failing while banned.
//   slow   5-15 failure lines, one per connection, connections 200-420 s apart: never 5 within 600 s,
//          and slow enough that fail2ban's scaled count stays below 5 too (it would not at ~150 s).
//   flood  1-3 failure lines from one connection (flood mode): each address seen once or twice.
// Burst and heavy budgets are scaled so that the configured attackers spend the failure budget of
// the whole corpus (lines x failure ratio); probe and slow keep their sizes so "below maxretry" holds.
import type { Prng } from './prng.js';

export type AttackerClass = 'probe' | 'burst' | 'heavy' | 'slow' | 'flood';

export interface CampaignPlan {
  readonly address: string;
  readonly attackerClass: AttackerClass;
  /** Failure lines this campaign writes (it never writes more). */
  readonly budget: number;
  /** Seconds between two connections of the campaign. */
  readonly gap: readonly [min: number, max: number];
}

interface ClassSpec {
  readonly share: number;
  readonly budget: readonly [number, number];
  readonly gap: readonly [number, number];
  readonly scaled: boolean;
}

const CLASSES: Readonly<Record<Exclude<AttackerClass, 'flood'>, ClassSpec>> = {
  probe: { share: 0.55, budget: [1, 4], gap: [1, 40], scaled: false },
  burst: { share: 0.28, budget: [5, 40], gap: [0, 15], scaled: true },
  heavy: { share: 0.05, budget: [100, 600], gap: [0, 3], scaled: true },
  slow: { share: 0.12, budget: [5, 15], gap: [200, 420], scaled: false },
};

const CLASS_NAMES = Object.keys(CLASSES) as (keyof typeof CLASSES)[];

function mean(range: readonly [number, number]): number {
  return (range[0] + range[1]) / 2;
}

const FIXED_MEAN = CLASS_NAMES.reduce(
  (sum, name) => (CLASSES[name].scaled ? sum : sum + CLASSES[name].share * mean(CLASSES[name].budget)),
  0,
);
const SCALED_MEAN = CLASS_NAMES.reduce(
  (sum, name) => (CLASSES[name].scaled ? sum + CLASSES[name].share * mean(CLASSES[name].budget) : sum),
  0,
);

/** Nominal failure lines per attacker before scaling. */
export const NOMINAL_CAMPAIGN_MEAN = FIXED_MEAN + SCALED_MEAN;

/**
 * Factor for burst and heavy budgets so that campaigns average `desiredMean` failure lines; clamped so
 * a burst stays a burst (at least maxretry) and a tiny corpus does not explode.
 */
export function budgetScale(desiredMean: number): number {
  const scale = (desiredMean - FIXED_MEAN) / SCALED_MEAN;
  return Math.min(50, Math.max(0.05, scale));
}

export function planCampaign(prng: Prng, address: string, scale: number): CampaignPlan {
  const name = CLASS_NAMES[prng.weighted(CLASS_NAMES.map((n) => CLASSES[n].share))] ?? 'probe';
  const spec = CLASSES[name];
  let budget = prng.between(spec.budget[0], spec.budget[1]);
  if (spec.scaled) budget = Math.max(5, Math.round(budget * scale));
  return { address, attackerClass: name, budget, gap: spec.gap };
}

export function planFlood(prng: Prng, address: string): CampaignPlan {
  const r = prng.float();
  return { address, attackerClass: 'flood', budget: r < 0.3 ? 1 : r < 0.55 ? 2 : 3, gap: [0, 5] };
}
