// The metrics endpoint's address: `ADDR:PORT` from fail2nft.conf or --metrics, parsed once with an exact
// message for each mistake. IPv6 addresses are written in brackets ([::1]:9191) as in URLs.
import { isIPv4, isIPv6 } from 'node:net';
import { Fail2nftError } from '../core/errors.js';

export interface MetricsAddress {
  /** An IPv4 or IPv6 address (without brackets) or a host name. */
  readonly host: string;
  readonly port: number;
}

/** Loopback: the metrics stay on the host unless the operator chooses another address. */
export const defaultMetricsAddress: MetricsAddress = { host: '127.0.0.1', port: 9191 };

const hostName =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function invalid(text: string, why: string): Fail2nftError {
  return new Fail2nftError(
    'F2N_ERR_METRICS_ADDRESS',
    `invalid metrics address '${text}': ${why} (write ADDR:PORT, e.g. 127.0.0.1:9191 or [::1]:9191)`,
    { address: text },
  );
}

function parsePort(text: string, portText: string): number {
  if (portText === '') throw invalid(text, 'the port is missing');
  if (!/^\d{1,5}$/.test(portText)) throw invalid(text, `the port '${portText}' is not a number`);
  const port = Number(portText);
  if (port < 1 || port > 65535) throw invalid(text, `the port ${port} is outside 1-65535`);
  return port;
}

/** Parses `ADDR:PORT`; throws F2N_ERR_METRICS_ADDRESS naming the mistake. */
export function parseMetricsAddress(input: string): MetricsAddress {
  const text = input.trim();
  if (text === '') throw invalid(input, 'it is empty');
  if (text.includes('/')) throw invalid(text, 'give the address and port only, without http:// or a path');
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw invalid(text, "the '[' of the IPv6 address is not closed");
    const host = text.slice(1, close);
    if (!isIPv6(host)) throw invalid(text, `'${host}' is not an IPv6 address`);
    if (text[close + 1] !== ':') throw invalid(text, "the port is missing after ']'");
    return { host, port: parsePort(text, text.slice(close + 2)) };
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw invalid(text, 'the port is missing');
  const host = text.slice(0, colon);
  if (host.includes(':')) throw invalid(text, 'write an IPv6 address in brackets');
  if (host === '') throw invalid(text, 'the address is missing (127.0.0.1 keeps it on loopback)');
  if (/^[\d.]+$/.test(host) ? !isIPv4(host) : !hostName.test(host))
    throw invalid(text, `'${host}' is not an IPv4 address or host name`);
  return { host, port: parsePort(text, text.slice(colon + 1)) };
}

/** `ADDR:PORT` with IPv6 in brackets: the inverse of parseMetricsAddress, usable in a URL. */
export function formatMetricsAddress(address: MetricsAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
