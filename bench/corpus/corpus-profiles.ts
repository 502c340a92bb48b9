// The three corpora: which ordinary sessions fill them, which campaigns attack them, and how many of
// each run at once.
import { planCampaign, planFlood } from './campaign-plan.js';
import type { CorpusKind } from './corpus-options.js';
import type { Profile } from './corpus-mixer.js';
import { floodCampaign, mailCampaign } from './mail-attacks.js';
import { ordinaryMailSession } from './mail-sessions.js';
import { sshCampaign } from './sshd-attacks.js';
import { ordinarySshSession } from './sshd-sessions.js';
import { SERVER } from './vocabulary.js';

const MAIL: Profile = {
  host: SERVER.host,
  ordinaryConcurrency: 12,
  attackConcurrency: 6,
  ordinary: ordinaryMailSession,
  campaign: mailCampaign,
  plan: planCampaign,
};

const FLOOD: Profile = {
  host: SERVER.host,
  ordinaryConcurrency: 12,
  attackConcurrency: 48,
  ordinary: ordinaryMailSession,
  campaign: floodCampaign,
  plan: (prng, address) => planFlood(prng, address),
};

const SSHD: Profile = {
  host: SERVER.sshHost,
  ordinaryConcurrency: 8,
  attackConcurrency: 6,
  ordinary: ordinarySshSession,
  campaign: sshCampaign,
  plan: planCampaign,
};

export const PROFILES: Readonly<Record<CorpusKind, Profile>> = { mail: MAIL, flood: FLOOD, sshd: SSHD };
