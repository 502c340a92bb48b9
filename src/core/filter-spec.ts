// What the matching stage needs of a filter: plain data (no functions), so it can be sent to worker
// threads. The composition root builds it from the configuration (a jail's filter, or a filter file).

export type UseDns = 'yes' | 'warn' | 'no' | 'raw';

export interface FilterSpec {
  /** The jail or filter name, for messages. */
  readonly name: string;
  readonly failregex: readonly string[];
  readonly ignoreregex: readonly string[];
  readonly prefregex?: string;
  readonly maxlines: number;
  readonly datepattern?: string;
  readonly logtimezone?: string;
  readonly usedns: UseDns;
}
