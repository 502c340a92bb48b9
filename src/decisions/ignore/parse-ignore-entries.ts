// ignoreip entries sorted once into what each needs: addresses and networks (matched by bytes),
// host names (resolved off the hot path) and `file:/path` lists (read off the hot path). The text of
// a list file has the same syntax as ignoreip, with `#` comments.
import { parseIpAddress, parseIpNetwork, type IpAddress, type IpNetwork } from '../../core/ip-address.js';

export interface IgnoreEntries {
  readonly addresses: readonly IpAddress[];
  readonly networks: readonly IpNetwork[];
  readonly hostNames: readonly string[];
  readonly files: readonly string[];
  /** One message per entry that is none of these. */
  readonly problems: readonly string[];
}

const hostNamePattern =
  /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** Splits ignoreip text or a list file into entries: spaces, tabs, new lines and commas separate. */
export function splitIgnoreText(text: string): string[] {
  return text
    .split('\n')
    .map((line) => {
      const hash = line.indexOf('#');
      return hash < 0 ? line : line.slice(0, hash);
    })
    .flatMap((line) => line.split(/[\s,]+/))
    .filter((word) => word !== '');
}

export function parseIgnoreEntries(entries: readonly string[], allowFiles = true): IgnoreEntries {
  const addresses: IpAddress[] = [];
  const networks: IpNetwork[] = [];
  const hostNames: string[] = [];
  const files: string[] = [];
  const problems: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.startsWith('file:')) {
      const path = entry.slice('file:'.length);
      if (!allowFiles) problems.push(`'${entry}': a list file cannot name another list file`);
      else if (!path.startsWith('/')) problems.push(`'${entry}': file: needs an absolute path`);
      else files.push(path);
      continue;
    }
    if (entry.includes('/')) {
      const network = parseIpNetwork(entry);
      if (network === undefined) problems.push(`'${entry}' is not an address/prefix`);
      else if (network.prefix === (network.family === 4 ? 32 : 128)) {
        const address = parseIpAddress(entry.slice(0, entry.indexOf('/')));
        if (address !== undefined) addresses.push(address);
      } else networks.push(network);
      continue;
    }
    const address = parseIpAddress(entry);
    if (address !== undefined) addresses.push(address);
    // Dotted numbers that are not an address (256.1.1.1) are a typo, not a host name.
    else if (entry.length <= 254 && hostNamePattern.test(entry) && !/^[\d.]+$/.test(entry))
      hostNames.push(entry.toLowerCase());
    else problems.push(`'${entry}' is neither an address, a network, a host name nor file:/path`);
  }
  return { addresses, networks, hostNames, files, problems };
}
