#!/usr/bin/env node
// The fail2nft command line: parses the command and hands it to the module that implements it.
// Exit status: 0 success, 1 runtime or configuration error, 2 usage error.
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
