// The scenarios of the side-by-side benchmark: which seeded corpus, which jails (the same names in
// fail2ban's jail.conf and in ours), and the ban policy both services run with. Pure data.

export type ScenarioName = 'mail' | 'flood' | 'sshd';
export const SCENARIO_NAMES: readonly ScenarioName[] = ['mail', 'flood', 'sshd'];

export type CorpusKind = 'mail' | 'flood' | 'sshd';

export interface ScenarioJail {
  /** Section name in both jail.conf files. */
  readonly name: 'postfix' | 'postfix-sasl' | 'dovecot' | 'sshd';
  /** `mode = …` written into both jail.local files; undefined = the jail's default. */
  readonly mode: string | undefined;
  /** The filter reference our matcher loads to find which line completes each ban. */
  readonly filter: string;
}

export interface Scenario {
  readonly name: ScenarioName;
  readonly corpus: CorpusKind;
  readonly jails: readonly ScenarioJail[];
  /** Failures that ban an address (both services); the stock value is 5. */
  readonly maxretry: number;
  /** A documented semantic difference between the two services that shows in this scenario. */
  readonly knownDifference: string | undefined;
}

const MAIL_JAILS: readonly ScenarioJail[] = [
  { name: 'postfix', mode: 'more', filter: 'postfix[mode=more]' },
  { name: 'postfix-sasl', mode: undefined, filter: 'postfix[mode=auth]' },
  { name: 'dovecot', mode: undefined, filter: 'dovecot' },
];

export const STOCK_MAXRETRY = 5;

/**
 * `floodMaxretry`: a flood address fails 1-3 times, so with the stock maxretry of 5 a flood bans nobody;
 * the flood scenario bans at the first failure by default to measure bans under pressure.
 */
export function scenarioOf(name: ScenarioName, floodMaxretry: number): Scenario {
  switch (name) {
    case 'mail':
      return {
        name,
        corpus: 'mail',
        jails: MAIL_JAILS,
        maxretry: STOCK_MAXRETRY,
        knownDifference: undefined,
      };
    case 'flood':
      return {
        name,
        corpus: 'flood',
        jails: MAIL_JAILS,
        maxretry: floodMaxretry,
        knownDifference: undefined,
      };
    case 'sshd':
      return {
        name,
        corpus: 'sshd',
        jails: [{ name: 'sshd', mode: undefined, filter: 'sshd' }],
        maxretry: STOCK_MAXRETRY,
        knownDifference:
          'when two failure lines of one sshd session name different users, fail2ban also counts the ' +
          "session's next no-failure line (its multi-line bookkeeping); the bundled sshd filter does not " +
          '(bench/corpus/line-kinds.ts), so fail2ban counts more failures; such a failure can also complete a ban earlier, or one fail2nft does not make.',
      };
  }
}
