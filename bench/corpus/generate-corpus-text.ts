// One corpus from its options: the log lines go to a sink, the ground truth comes back as a value.
// Pure apart from the sink, so tests generate small corpora in memory.
import { INJECTION_DECOY, drawDistinct, randomAttackerAddress } from './addresses.js';
import type { CorpusOptions } from './corpus-options.js';
import { PROFILES } from './corpus-profiles.js';
import { mixCorpus, type AddressSource, type LineSink } from './corpus-mixer.js';
import { DistinctAddressStream } from './distinct-address-stream.js';
import { GroundTruthCounter, type GroundTruth } from './ground-truth.js';
import { JAIL_FILTERS, JAILS, type Jail, type LineKind } from './line-kinds.js';
import { Prng } from './prng.js';
import { createSessionContext, type SessionContext } from './session-context.js';
import { SENDER_HOSTS } from './vocabulary.js';

export interface CorpusTruth {
  readonly format: 'fail2nft-corpus-truth/1';
  readonly kind: CorpusOptions['kind'];
  readonly seed: number;
  readonly lines: number;
  /** Year-less syslog: the year of these times is not in the log. */
  readonly firstLine: string;
  readonly lastLine: string;
  readonly rate: number;
  readonly failureRatioTarget: number;
  readonly failureLines: number;
  readonly failureRatio: number;
  readonly attackersConfigured: number;
  readonly attackersUsed: number;
  readonly campaigns: number;
  readonly returningCampaigns: number;
  readonly policy: { readonly maxretry: number; readonly findtime: number; readonly window: string };
  /** Addresses that appear only inside injected user names; banning one is a bug. */
  readonly neverBan: readonly string[];
  readonly lineKinds: Readonly<Partial<Record<LineKind, number>>>;
  readonly jails: Readonly<Record<Jail, GroundTruth[Jail] & { readonly filter: string }>>;
}

function attackerSource(options: CorpusOptions, prng: Prng, ctx: SessionContext): AddressSource {
  if (options.kind === 'flood') {
    const stream = new DistinctAddressStream(prng, options.ipv6Share);
    let used = 0;
    return {
      total: options.addresses,
      next() {
        if (used >= options.addresses) return undefined;
        used++;
        // Bounded: the legitimate side has a few hundred addresses.
        for (let i = 0; i < 1000; i++) {
          const address = stream.next();
          if (!ctx.legitAddresses.has(address)) return address;
        }
        return stream.nextIpv4();
      },
    };
  }
  const exclude = new Set(ctx.legitAddresses);
  exclude.add(INJECTION_DECOY);
  const list = drawDistinct(options.attackers, exclude, () => randomAttackerAddress(prng, options.ipv6Share));
  let index = 0;
  return {
    total: list.length,
    next: () => list[index++],
  };
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function generateCorpus(options: CorpusOptions, sink: LineSink): CorpusTruth {
  const prng = new Prng(options.seed);
  const ctx = createSessionContext(prng, options.start, SENDER_HOSTS);
  const attackers = attackerSource(options, prng, ctx);
  const counter = new GroundTruthCounter({ maxretry: options.maxretry, findtime: options.findtime });
  const summary = mixCorpus(
    PROFILES[options.kind],
    ctx,
    attackers,
    { lines: options.lines, start: options.start, rate: options.rate, failureRatio: options.failureRatio },
    sink,
    counter,
  );
  const truth = counter.summarize({ perAddress: options.truthPerAddress });
  const jails = {} as Record<Jail, GroundTruth[Jail] & { filter: string }>;
  for (const jail of JAILS) jails[jail] = { filter: JAIL_FILTERS[jail], ...truth[jail] };
  return {
    format: 'fail2nft-corpus-truth/1',
    kind: options.kind,
    seed: options.seed,
    lines: summary.lines,
    firstLine: iso(summary.firstTime),
    lastLine: iso(summary.lastTime),
    rate: options.rate,
    failureRatioTarget: options.failureRatio,
    failureLines: summary.failureLines,
    failureRatio: summary.failureLines / summary.lines,
    attackersConfigured: attackers.total,
    attackersUsed: summary.attackersUsed,
    campaigns: summary.campaigns,
    returningCampaigns: summary.returningCampaigns,
    policy: {
      maxretry: options.maxretry,
      findtime: options.findtime,
      window:
        'sliding; banned when maxretry failures of one address in one jail lie within findtime seconds (inclusive)',
    },
    neverBan: [INJECTION_DECOY],
    lineKinds: summary.byKind,
    jails,
  };
}
