// I/O: this machine's names for <fq-hostname> and <sh-hostname>. Read once per service start. The
// names are rendered into shell commands as text, so anything outside a host name's characters is
// dropped.
import { hostname } from 'node:os';
import type { HostNames } from './ban-time-values.js';

export function hostNamesOf(name: string): HostNames {
  const clean = name.replace(/[^A-Za-z0-9.-]/g, '');
  const fq = clean === '' ? 'localhost' : clean;
  return { fq, short: fq.split('.')[0] ?? fq };
}

export function systemHostNames(): HostNames {
  return hostNamesOf(hostname());
}
