// The options fail2ban reads for a jail, its filter and its actions, in fail2ban's order (the order
// matters where two sources set the same thing: later settings win).

export type OptionType = 'string' | 'bool' | 'int';

export interface OptionSpec {
  readonly name: string;
  readonly type: OptionType;
  readonly fallback?: string;
}

export const filterOptionSpecs: readonly OptionSpec[] = [
  { name: 'usedns', type: 'string' },
  { name: 'prefregex', type: 'string' },
  { name: 'ignoreregex', type: 'string' },
  { name: 'failregex', type: 'string' },
  { name: 'maxlines', type: 'int' },
  { name: 'datepattern', type: 'string' },
  { name: 'journalmatch', type: 'string' },
];

/** Read first: enough to know whether the jail is on and which filter it uses. */
export const jailFirstOptionSpecs: readonly OptionSpec[] = [
  { name: 'enabled', type: 'bool', fallback: 'false' },
  { name: 'backend', type: 'string', fallback: 'auto' },
  { name: 'filter', type: 'string', fallback: '' },
];

export const jailOptionSpecs: readonly OptionSpec[] = [
  { name: 'enabled', type: 'bool', fallback: 'false' },
  { name: 'backend', type: 'string', fallback: 'auto' },
  { name: 'maxretry', type: 'int' },
  { name: 'maxmatches', type: 'int' },
  { name: 'findtime', type: 'string' },
  { name: 'bantime', type: 'string' },
  { name: 'bantime.increment', type: 'bool' },
  { name: 'bantime.factor', type: 'string' },
  { name: 'bantime.formula', type: 'string' },
  { name: 'bantime.multipliers', type: 'string' },
  { name: 'bantime.maxtime', type: 'string' },
  { name: 'bantime.rndtime', type: 'string' },
  { name: 'bantime.overalljails', type: 'bool' },
  { name: 'ignorecommand', type: 'string' },
  { name: 'ignoreself', type: 'bool' },
  { name: 'ignoreip', type: 'string' },
  { name: 'ignorecache', type: 'string' },
  { name: 'filter', type: 'string', fallback: '' },
  { name: 'logtimezone', type: 'string' },
  { name: 'logencoding', type: 'string' },
  { name: 'logpath', type: 'string' },
  { name: 'action', type: 'string', fallback: '' },
  ...filterOptionSpecs,
];

/** Jail-section values that are not fail2ban jail options but that operators and actions rely on. */
export const jailParameterNames = [
  'mode',
  'port',
  'protocol',
  'chain',
  'banaction',
  'destemail',
  'sender',
  'mta',
] as const;

export const actionOptionSpecs: readonly OptionSpec[] = [
  { name: 'actionstart', type: 'string' },
  { name: 'actionstart_on_demand', type: 'bool' },
  { name: 'actionstop', type: 'string' },
  { name: 'actionflush', type: 'string' },
  { name: 'actionreload', type: 'string' },
  { name: 'actioncheck', type: 'string' },
  { name: 'actionrepair', type: 'string' },
  { name: 'actionrepair_on_unban', type: 'bool' },
  { name: 'actionban', type: 'string' },
  { name: 'actionprolong', type: 'string' },
  { name: 'actionreban', type: 'string' },
  { name: 'actionunban', type: 'string' },
  { name: 'norestored', type: 'bool' },
];

/** Tags an action keeps for ban time (fail2ban fills them per ban). */
export const actionBanTimeTags = ['matches', 'ipmatches', 'ipjailmatches', 'timeout', 'bantime'] as const;

export const knownBackends = new Set(['auto', 'polling', 'pyinotify', 'gamin', 'systemd']);
export const supportedEncodings = new Set(['auto', 'utf-8', 'utf8', 'ascii', 'us-ascii', 'latin-1', 'latin1', 'iso-8859-1']);
