// I/O: the machine's own addresses for ignoreself, from its network interfaces (loopback included).
import { networkInterfaces } from 'node:os';

export function interfaceAddresses(): Promise<readonly string[]> {
  const addresses = Object.values(networkInterfaces()).flatMap((list) =>
    (list ?? []).map((info) => info.address),
  );
  return Promise.resolve(addresses);
}
