// Fills the I/O parts of every jail's ignore list: resolves host names, reads file: lists (their
// host names are resolved too) and asks for the machine's own addresses, through injected functions.
// Run at start (before the first decision) and periodically by the composition root. A name or file
// that fails keeps its last good result; each failure is reported once per refresh, not thrown.
import { parseIpAddress, type IpAddress, type IpNetwork } from '../../core/ip-address.js';
import { AddressMatcher } from './address-matcher.js';
import type { IgnoreList } from './ignore-list.js';
import { parseIgnoreEntries, splitIgnoreText, type IgnoreEntries } from './parse-ignore-entries.js';

export interface IgnoreSourcesIo {
  /** Every address of a host name (A and AAAA). */
  resolveHost(name: string): Promise<readonly string[]>;
  readListFile(path: string): Promise<string>;
  /** The machine's own addresses. */
  selfAddresses(): Promise<readonly string[]>;
}

export interface RefreshProblem {
  /** The host name, file path or "ignoreself". */
  readonly source: string;
  readonly message: string;
}

export interface RefreshReport {
  readonly hostNames: number;
  readonly files: number;
  readonly selfAddresses: number;
  readonly problems: readonly RefreshProblem[];
}

/** Lookups run in groups of this size, so a long list does not open hundreds of queries at once. */
const PARALLEL_LOOKUPS = 16;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toAddresses(texts: readonly string[]): IpAddress[] {
  return texts.flatMap((text) => {
    const address = parseIpAddress(text);
    return address === undefined ? [] : [address];
  });
}

async function inGroups<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL_LOOKUPS)
    await Promise.all(items.slice(start, start + PARALLEL_LOOKUPS).map(run));
}

export class IgnoreSourceRefresher {
  private readonly hosts = new Map<string, readonly IpAddress[]>();
  private readonly fileEntries = new Map<string, IgnoreEntries>();
  private self = new AddressMatcher([], []);

  constructor(private readonly io: IgnoreSourcesIo) {}

  async refresh(lists: readonly IgnoreList[]): Promise<RefreshReport> {
    const problems: RefreshProblem[] = [];
    const files = [...new Set(lists.flatMap((list) => list.files))];
    await inGroups(files, async (path) => {
      try {
        const entries = parseIgnoreEntries(splitIgnoreText(await this.io.readListFile(path)), false);
        for (const problem of entries.problems) problems.push({ source: path, message: problem });
        this.fileEntries.set(path, entries);
      } catch (error) {
        problems.push({ source: path, message: message(error) });
      }
    });
    const names = [
      ...new Set([
        ...lists.flatMap((list) => list.hostNames),
        ...files.flatMap((path) => this.fileEntries.get(path)?.hostNames ?? []),
      ]),
    ];
    await inGroups(names, async (name) => {
      try {
        const addresses = toAddresses(await this.io.resolveHost(name));
        if (addresses.length === 0) problems.push({ source: name, message: 'resolved to no address' });
        this.hosts.set(name, addresses);
      } catch (error) {
        problems.push({ source: name, message: message(error) });
      }
    });
    let selfCount = 0;
    if (lists.some((list) => list.ignoreSelf)) {
      try {
        const own = toAddresses(await this.io.selfAddresses());
        selfCount = own.length;
        this.self = new AddressMatcher(own, []);
      } catch (error) {
        problems.push({ source: 'ignoreself', message: message(error) });
      }
    }
    // Forget names and files no jail uses any more (after a reload), so the maps stay bounded.
    for (const name of this.hosts.keys()) if (!names.includes(name)) this.hosts.delete(name);
    for (const path of this.fileEntries.keys()) if (!files.includes(path)) this.fileEntries.delete(path);
    this.applyKnown(lists);
    return { hostNames: names.length, files: files.length, selfAddresses: selfCount, problems };
  }

  /** Gives lists (new ones after a reload) what the last refreshes found, without any I/O. */
  applyKnown(lists: readonly IgnoreList[]): void {
    for (const list of lists) this.apply(list);
  }

  private apply(list: IgnoreList): void {
    list.setResolvedHosts(list.hostNames.flatMap((name) => this.hosts.get(name) ?? []));
    const addresses: IpAddress[] = [];
    const networks: IpNetwork[] = [];
    for (const path of list.files) {
      const entries = this.fileEntries.get(path);
      if (entries === undefined) continue;
      addresses.push(...entries.addresses);
      for (const name of entries.hostNames) addresses.push(...(this.hosts.get(name) ?? []));
      networks.push(...entries.networks);
    }
    list.setListed(addresses, networks);
    list.setSelf(this.self);
  }
}
