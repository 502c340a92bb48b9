// I/O: the real DecisionIo of a running service.
import type { DecisionIo } from './decision-io.js';
import { interfaceAddresses } from './ignore/network-interfaces-io.js';
import { readListFile } from './ignore/read-list-file-io.js';
import { resolveHost } from './ignore/resolve-host-io.js';
import { runCommand } from './ignore/run-command-io.js';

export function createSystemDecisionIo(): DecisionIo {
  return {
    resolveHost,
    readListFile,
    selfAddresses: interfaceAddresses,
    runCommand,
    random: Math.random,
  };
}
