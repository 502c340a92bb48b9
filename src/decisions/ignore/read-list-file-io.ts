// I/O: reads an ignoreip file: list, refusing files too large to be an address list.
import { readFile, stat } from 'node:fs/promises';

export const MAX_LIST_FILE_BYTES = 16 * 1024 * 1024;

export async function readListFile(path: string): Promise<string> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path} is not a regular file`);
  if (info.size > MAX_LIST_FILE_BYTES) throw new Error(`${path} is larger than ${MAX_LIST_FILE_BYTES} bytes`);
  return readFile(path, 'utf8');
}
