// Runs the real fail2ban-client (Debian package) in dump mode and folds its command stream into
// per-jail values comparable with fail2nft's resolved configuration.
import { spawnSync } from 'node:child_process';
import { parseDuration } from '../../src/core/duration.js';

export interface ReferenceJail {
  failregex: string[];
  ignoreregex: string[];
  prefregex?: string;
  datepattern?: string;
  maxlines?: number;
  usedns?: string;
  journalmatch: string[][];
  maxretry?: number;
  maxmatches?: number;
  findtime?: number;
  bantime?: number;
  ignoreip: string[];
  logfiles: { path: string; start: string }[];
  backend: string;
  actions: { name: string; options: Record<string, string> }[];
}

export function fail2banAvailable(): boolean {
  return spawnSync('fail2ban-client', ['--version'], { encoding: 'utf8' }).status === 0;
}

const toJson = [
  'import ast, json, sys',
  'out = []',
  'for line in sys.stdin:',
  '    line = line.strip()',
  '    if line.startswith("["):',
  '        out.append(ast.literal_eval(line))',
  'print(json.dumps(out))',
].join('\n');

type Command = unknown[];

/** The command stream `fail2ban-client -c DIR -d` prints, as JSON values. */
export function fail2banDump(directory: string): Command[] {
  const dump = spawnSync('fail2ban-client', ['-c', directory, '-d'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (dump.status !== 0) throw new Error(`fail2ban-client -d failed: ${dump.stderr}`);
  const python = spawnSync('/usr/bin/python3', ['-c', toJson], {
    input: dump.stdout,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (python.status !== 0) throw new Error(`python3 failed: ${python.stderr}`);
  return JSON.parse(python.stdout) as Command[];
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export function foldDump(commands: readonly Command[]): Map<string, ReferenceJail> {
  const jails = new Map<string, ReferenceJail>();
  const jail = (name: unknown): ReferenceJail => {
    const found = jails.get(str(name));
    if (found === undefined) throw new Error(`command for unknown jail ${str(name)}`);
    return found;
  };
  for (const command of commands) {
    const [op, name, option, ...rest] = command;
    if (op === 'add') {
      jails.set(str(name), {
        failregex: [],
        ignoreregex: [],
        journalmatch: [],
        ignoreip: [],
        logfiles: [],
        backend: str(option),
        actions: [],
      });
      continue;
    }
    if (op === 'start' || op === 'config-error') continue;
    // Server-wide settings (`set loglevel INFO`) have no jail.
    if (op === 'set' && command.length === 3) continue;
    const target = jail(name);
    if (op === 'multi-set') {
      const values = rest[0] as unknown[];
      if (option === 'addfailregex') target.failregex.push(...values.map(str));
      else if (option === 'addignoreregex') target.ignoreregex.push(...values.map(str));
      else if (option === 'action') {
        const action = target.actions.find((a) => a.name === str(rest[0]));
        const pairs = rest[1] as [unknown, unknown][];
        if (action !== undefined) for (const [key, value] of pairs) action.options[str(key)] = str(value);
      }
      continue;
    }
    if (op !== 'set') throw new Error(`unexpected command ${JSON.stringify(command)}`);
    const value = rest[0];
    switch (option) {
      case 'addfailregex':
        target.failregex.push(str(value));
        break;
      case 'addignoreregex':
        target.ignoreregex.push(str(value));
        break;
      case 'prefregex':
        target.prefregex = str(value);
        break;
      case 'datepattern':
        target.datepattern = str(value);
        break;
      case 'maxlines':
        target.maxlines = Number(value);
        break;
      case 'usedns':
        target.usedns = str(value);
        break;
      case 'addjournalmatch':
        target.journalmatch.push(rest.map(str));
        break;
      case 'maxretry':
        target.maxretry = Number(value);
        break;
      case 'maxmatches':
        target.maxmatches = Number(value);
        break;
      case 'findtime':
        target.findtime = parseDuration(str(value));
        break;
      case 'bantime':
        target.bantime = parseDuration(str(value));
        break;
      case 'addignoreip':
        target.ignoreip.push(...rest.map(str));
        break;
      case 'addlogpath':
        target.logfiles.push({ path: str(value), start: str(rest[1] ?? 'head') });
        break;
      case 'addaction':
        target.actions.push({ name: str(value), options: {} });
        break;
      case 'action': {
        const action = target.actions.find((a) => a.name === str(value));
        if (action !== undefined) action.options[str(rest[1])] = str(rest[2]);
        break;
      }
      default:
        break;
    }
  }
  return jails;
}
