// The resolved configuration: one frozen, typed object that the other stages read.
// Times are in seconds (-1 = permanent). Regexes are fully expanded at the configuration level
// (interpolation and <tag> substitution done); fail2ban's regex tags such as <HOST> remain for matching.

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
}

export interface LogPathSpec {
  /** A path or glob pattern as configured. */
  readonly pattern: string;
  /** Where to start reading a file seen for the first time. */
  readonly start: 'head' | 'tail';
}

export interface BantimeIncrement {
  readonly enabled: boolean;
  readonly factor: number;
  readonly formula?: string;
  readonly multipliers: readonly number[];
  /** Seconds; undefined = no cap. */
  readonly maxtime?: number;
  /** Seconds of random extra ban time; undefined = none. */
  readonly rndtime?: number;
  readonly overalljails: boolean;
}

export interface IgnoreCache {
  readonly key: string;
  readonly maxCount: number;
  /** Seconds. */
  readonly maxTime: number;
}

export interface FilterSettings {
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
  readonly files: readonly string[];
  readonly failregex: readonly string[];
  readonly ignoreregex: readonly string[];
  readonly prefregex?: string;
  readonly maxlines: number;
  readonly datepattern?: string;
  /** Each journalmatch line split into its match terms (`+` separates alternatives). */
  readonly journalmatch: readonly (readonly string[])[];
}

export interface ActionSettings {
  /** The action's unique name in its jail (fail2ban's actname). */
  readonly name: string;
  /** The action.d file name it was read from (without .conf), or the python file for `.py` actions. */
  readonly file: string;
  readonly params: Readonly<Record<string, string>>;
  /** The option values as fail2ban resolves them (action* commands with tags left for ban time, and init options). */
  readonly options: Readonly<Record<string, string>>;
  readonly files: readonly string[];
}

export type UseDns = 'yes' | 'warn' | 'no' | 'raw';

export interface JailSettings {
  readonly name: string;
  readonly source: SourcePosition;
  readonly enabled: boolean;
  readonly backend: string;
  readonly mode?: string;
  readonly filter?: FilterSettings;
  readonly logpath: readonly LogPathSpec[];
  readonly logencoding: string;
  readonly logtimezone?: string;
  readonly usedns: UseDns;
  readonly maxretry: number;
  readonly maxmatches: number;
  readonly findtime: number;
  readonly bantime: number;
  readonly bantimeIncrement: BantimeIncrement;
  readonly ignoreip: readonly string[];
  readonly ignoreself: boolean;
  readonly ignorecommand?: string;
  readonly ignorecache?: IgnoreCache;
  readonly actions: readonly ActionSettings[];
  readonly port?: string;
  readonly protocol?: string;
  readonly chain?: string;
  readonly banaction?: string;
  readonly destemail?: string;
  readonly sender?: string;
  readonly mta?: string;
}

export interface ServiceSettings {
  readonly loglevel: string;
  readonly logtarget: string;
  readonly socket: string;
  readonly pidfile: string;
  readonly dbfile: string;
  /** Seconds. */
  readonly dbpurgeage: number;
  readonly dbmaxmatches: number;
  /** SQLite's synchronous setting for the ban database (WAL): 'normal' or 'full'. */
  readonly dbsync: 'normal' | 'full';
  readonly metrics: string;
  /** 0 = one per core. */
  readonly workers: number;
  readonly batchSize: number;
  /** Milliseconds. */
  readonly batchDelayMs: number;
  readonly firewall: 'nftables' | 'ipset' | 'dry-run';
  readonly nftTable: string;
  readonly maxLineLength: number;
}

export interface Fail2nftConfig {
  readonly directory: string;
  readonly service: ServiceSettings;
  /** Every jail section, enabled or not, in the order they appear. */
  readonly jails: readonly JailSettings[];
}
