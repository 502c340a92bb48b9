// An in-memory DecisionIo for tests: fixed host table, files, own addresses, scripted command exits
// and a fixed random number. Records every call.
import type { DecisionIo } from '../../src/decisions/decision-io.js';
import type { CommandExit } from '../../src/decisions/ignore/ignore-command.js';

export interface MemoryDecisionIo extends DecisionIo {
  readonly hosts: Map<string, readonly string[]>;
  readonly files: Map<string, string>;
  self: readonly string[];
  /** The exit of the next commands, by rendered argv joined with spaces (default: exit 1). */
  readonly exits: Map<string, CommandExit | Promise<CommandExit>>;
  readonly commands: string[][];
  randomValue: number;
}

export function createMemoryDecisionIo(): MemoryDecisionIo {
  const io: MemoryDecisionIo = {
    hosts: new Map(),
    files: new Map(),
    self: ['127.0.0.1', '::1'],
    exits: new Map(),
    commands: [],
    randomValue: 0,
    resolveHost(name) {
      const found = io.hosts.get(name);
      return found === undefined ? Promise.reject(new Error(`${name}: not found`)) : Promise.resolve(found);
    },
    readListFile(path) {
      const text = io.files.get(path);
      return text === undefined ? Promise.reject(new Error(`${path}: no such file`)) : Promise.resolve(text);
    },
    selfAddresses() {
      return Promise.resolve(io.self);
    },
    runCommand(argv) {
      io.commands.push([...argv]);
      return Promise.resolve(io.exits.get(argv.join(' ')) ?? { code: 1, signal: null });
    },
    random() {
      return io.randomValue;
    },
  };
  return io;
}
