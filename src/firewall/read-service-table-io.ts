// Loads /etc/services once (at configuration time) merged over the built-in names.
import { readFile } from 'node:fs/promises';
import {
  mergeServiceTables,
  parseServiceTable,
  wellKnownServiceTable,
  type ServiceTable,
} from './service-table.js';

/** A missing or unreadable file leaves the built-in names: the table is a convenience, not a requirement. */
export async function readServiceTable(path = '/etc/services'): Promise<ServiceTable> {
  let text: string;
  try {
    text = await readFile(path, 'latin1');
  } catch {
    return wellKnownServiceTable;
  }
  return mergeServiceTables(parseServiceTable(text));
}
