// I/O: every address of a host name through the system resolver (getaddrinfo: /etc/hosts, DNS).
import { lookup } from 'node:dns/promises';

export async function resolveHost(name: string): Promise<readonly string[]> {
  const results = await lookup(name, { all: true, verbatim: true });
  return results.map((result) => result.address);
}
