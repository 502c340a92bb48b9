// The demo's attack and the bans it must produce, from the two numbers the user chooses. Fixed seed and
// traffic rate: the same options always give the same lines, addresses and expected bans.
import { mailJails, planAttack, type AttackPlan } from './attack-plan.js';
import { demoJailSettings, type DemoJailSettings } from './demo-config-text.js';
import type { DemoBan } from './demo-ban.js';
import { expectedBans } from './expected-bans.js';

export const recidiveJail = 'recidive';
export const demoJails: readonly string[] = [
  mailJails.smtp,
  mailJails.smtpAuth,
  mailJails.imap,
  recidiveJail,
];

const seed = 20261121;
const sessionsPerSecond = 20;

export interface DemoScenario {
  readonly plan: AttackPlan;
  readonly expected: readonly DemoBan[];
  readonly settings: DemoJailSettings;
}

export function demoScenario(attackers: number, durationMs: number): DemoScenario {
  const settings = demoJailSettings;
  const plan = planAttack({
    attackers,
    durationMs,
    maxretry: settings.maxretry,
    ignoredAddress: settings.ignoredAddress,
    sessionsPerSecond,
    seed,
  });
  const expected = expectedBans(
    plan.events.flatMap((event) => (event.failure === undefined ? [] : [event.failure])),
    {
      maxretry: Object.fromEntries(Object.values(mailJails).map((jail) => [jail, settings.maxretry])),
      ignored: new Set([settings.ignoredAddress]),
      recidive: { jail: recidiveJail, maxretry: settings.recidive.maxretry },
    },
  );
  return { plan, expected, settings };
}
