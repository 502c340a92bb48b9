// I/O: finds a program on PATH the way a shell would, for optional helpers such as whois.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** The full path of an executable file, or undefined. A name with a slash is checked as it is. */
export function findExecutable(name: string, path = process.env.PATH ?? '/usr/bin:/bin'): string | undefined {
  const candidates =
    name.includes('/') || isAbsolute(name)
      ? [name]
      : path.split(delimiter).map((dir) => join(dir || '.', name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not there or not executable: try the next directory.
    }
  }
  return undefined;
}
