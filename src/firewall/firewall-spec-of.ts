// Maps a jail's fail2ban actions to the native firewall spec: the firewall actions (nftables-*,
// iptables-*, firewallcmd-*, ufw, shorewall) become rules over the jail's ban sets with the same
// ports, protocol and blocktype meaning; every other action is handed back for the service to run.
import { Fail2nftError } from '../core/errors.js';
import { banactionTable, type BanactionInfo, type BanactionMatch } from './banaction-table.js';
import { sameRule, type FirewallJailSpec, type FirewallRule } from './firewall-jail-spec.js';
import { parseBlocktype } from './parse-blocktype.js';
import { parsePortList } from './parse-port-list.js';
import { parseProtocolList } from './parse-protocol-list.js';
import { wellKnownServiceTable, type ServiceTable } from './service-table.js';

/** The part of a configured action this mapping reads (the config stage's ActionSettings fit). */
export interface FirewallActionInput {
  /** The action.d file name without .conf. */
  readonly file: string;
  /** The action's options, already interpolated (port, protocol, blocktype, type, ...). */
  readonly options: Readonly<Record<string, string>>;
}

export interface FirewallSpecProblem {
  readonly severity: 'error' | 'warning';
  readonly error: Fail2nftError;
}

export interface FirewallSpecResult<A extends FirewallActionInput> {
  /** Undefined when none of the jail's actions is a firewall action. */
  readonly spec: FirewallJailSpec | undefined;
  /** The actions that are not firewall actions, in their order: the service runs them itself. */
  readonly otherActions: readonly A[];
  /** An error leaves its action's rule out; a warning names what the rule does not reproduce. */
  readonly problems: readonly FirewallSpecProblem[];
}

class ActionReader {
  readonly problems: FirewallSpecProblem[] = [];

  constructor(
    private readonly jail: string,
    private readonly action: FirewallActionInput,
  ) {}

  option(name: string): string | undefined {
    return this.action.options[name];
  }

  error(option: string, problem: string): void {
    this.problems.push({
      severity: 'error',
      error: new Fail2nftError(
        'F2N_ERR_FIREWALL_ACTION_OPTION',
        `jail [${this.jail}] action ${this.action.file}: ${option}: ${problem}`,
        { jail: this.jail, action: this.action.file, option },
      ),
    });
  }

  warning(text: string): void {
    this.problems.push({
      severity: 'warning',
      error: new Fail2nftError(
        'F2N_ERR_FIREWALL_ACTION_APPROXIMATED',
        `jail [${this.jail}] action ${this.action.file}: ${text}`,
        { jail: this.jail, action: this.action.file },
      ),
    });
  }
}

function matchOf(reader: ActionReader, file: string, info: BanactionInfo): BanactionMatch | undefined {
  if (file === 'firewallcmd-ipset') {
    const actiontype = reader.option('actiontype') ?? '--dports';
    return actiontype.includes('--dports') || actiontype.includes('multiport') ? 'ports' : 'allports';
  }
  const type = reader.option('type')?.trim().toLowerCase();
  if (info.typeOption === undefined || type === undefined || type === '') return info.match;
  if (type === 'multiport' || (info.typeOption === 'iptables' && type === 'oneport')) return 'ports';
  if (type === 'allports') return 'allports';
  reader.error(
    'type',
    type === 'custom'
      ? 'type = custom takes a hand-written nft match that fail2nft cannot translate'
      : `unknown type "${type}"`,
  );
  return undefined;
}

function ruleOf(
  reader: ActionReader,
  file: string,
  info: BanactionInfo,
  services: ServiceTable,
): FirewallRule | undefined {
  const match = matchOf(reader, file, info);
  if (match === undefined) return undefined;
  const blocktypeText = reader.option(info.blocktypeOption ?? 'blocktype') ?? 'reject';
  const blocktype = info.fixedBlocktype === undefined ? parseBlocktype(blocktypeText) : undefined;
  if (blocktype !== undefined && !blocktype.ok) {
    reader.error('blocktype', blocktype.problem);
    return undefined;
  }
  if (blocktype?.approximation !== undefined) reader.warning(blocktype.approximation);
  if (info.approximation !== undefined) reader.warning(info.approximation);
  if (file === 'ufw' && (reader.option('application') ?? '').trim() !== '') {
    reader.warning('the ufw application profile is not read: the ban blocks all traffic');
  }
  const resolvedBlocktype = info.fixedBlocktype ?? (blocktype?.ok === true ? blocktype.blocktype : 'reject');
  if (match === 'any-traffic') return { ports: 'all', protocols: 'all', blocktype: resolvedBlocktype };

  const protocols = parseProtocolList(reader.option('protocol') ?? 'tcp');
  if (!protocols.ok) {
    reader.error('protocol', protocols.problem);
    return undefined;
  }
  if (match === 'allports') {
    return { ports: 'all', protocols: protocols.protocols, blocktype: resolvedBlocktype };
  }
  const portText = reader.option('port') ?? (file.startsWith('firewallcmd-') ? '1:65535' : 'ssh');
  if (/<[^>]*>/.test(portText)) {
    reader.error('port', `"${portText}" has an unresolved <tag>`);
    return undefined;
  }
  const ports = parsePortList(portText, services);
  if (!ports.ok) {
    reader.error('port', ports.problem);
    return undefined;
  }
  return { ports: ports.ports, protocols: protocols.protocols, blocktype: resolvedBlocktype };
}

/**
 * The firewall spec of one jail. `services` resolves port names (readServiceTable() loads the system's
 * /etc/services over the built-in names; the default is the built-in names alone).
 */
export function firewallSpecOf<A extends FirewallActionInput>(
  jailName: string,
  actions: readonly A[],
  services: ServiceTable = wellKnownServiceTable,
): FirewallSpecResult<A> {
  const rules: FirewallRule[] = [];
  const otherActions: A[] = [];
  const problems: FirewallSpecProblem[] = [];
  let firewallActions = 0;
  for (const action of actions) {
    const info = banactionTable.get(action.file);
    if (info === undefined) {
      otherActions.push(action);
      continue;
    }
    firewallActions++;
    const reader = new ActionReader(jailName, action);
    const rule = ruleOf(reader, action.file, info, services);
    problems.push(...reader.problems);
    if (rule !== undefined && !rules.some((known) => sameRule(known, rule))) rules.push(rule);
  }
  const spec = firewallActions === 0 ? undefined : { jail: jailName, rules };
  return { spec, otherActions, problems };
}
