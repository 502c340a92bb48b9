// The command-runner helper: a small Node process that runs firewall tools for the service, so the
// service's large process never forks (fork time and copy-on-write faults grow with its memory). It
// reads requests from stdin and answers on stdout (command-frame.ts, command-runner-protocol.ts), runs
// each command without a shell, streams the request body to the command's stdin as it arrives, kills
// it at its timeout and answers when it closes; several commands may run at once. `nft -f -` scripts
// (also through `ip netns exec NS`) run in this process through libnftables where it can be loaded
// (nft-library-io.ts), without an nft process each. Only node builtins, the two pure protocol modules and
// the library binding (loaded on the first script) are imported, so it starts fast and stays small. It
// exits when its stdin ends and its commands are done, or at once when the service can no longer be
// answered.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { encodeFrameHead, FrameDecoder } from './command-frame.js';
import {
  createOutputCollector,
  parseCommandRequest,
  type CommandReply,
  type CommandRequest,
} from './command-runner-protocol.js';
import { nftLibrary, nftScriptTarget, type NftLibrary } from './nft-library-io.js';

interface Body {
  write(slice: Buffer): void;
  end(): void;
}

const running = new Set<ChildProcessWithoutNullStreams>();
const output = process.stdout;

function fail(problem: string): never {
  for (const child of running) child.kill('SIGKILL');
  process.stderr.write(`fail2nft command runner: ${problem}\n`);
  process.exit(2);
}

function reply(header: CommandReply, body: readonly Buffer[] = []): void {
  let length = 0;
  for (const part of body) length += part.length;
  output.cork();
  output.write(encodeFrameHead(header, length));
  for (const part of body) output.write(part);
  output.uncork();
}

/** Keeps the first cap bytes of a stream, in the chunks they came in. */
const discard: Body = { write: () => undefined, end: () => undefined };

/** Collects an nft script and runs it through the library when it is complete. */
function startInLibrary(id: number, library: NftLibrary, netns: string | undefined): Body {
  const chunks: Buffer[] = [];
  return {
    write(slice) {
      chunks.push(Buffer.from(slice));
    },
    end() {
      const result = library.run(netns, Buffer.concat(chunks).toString('utf8'));
      const stdout = Buffer.from(result.stdout);
      reply({ id, code: result.code, stdoutBytes: stdout.length }, [stdout, Buffer.from(result.stderr)]);
    },
  };
}

function start(request: CommandRequest): Body {
  const { id, argv, timeoutMs } = request;
  const script = nftScriptTarget(argv);
  const library = script === undefined ? undefined : nftLibrary();
  if (script !== undefined && library !== undefined) return startInLibrary(id, library, script.netns);
  const [command = '', ...args] = argv;
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(command, args);
  } catch (error) {
    // Arguments Node refuses (a NUL byte) throw instead of emitting 'error'.
    reply({ id, startError: error instanceof Error ? error.message : String(error) });
    return discard;
  }
  running.add(child);
  const stdout = createOutputCollector();
  const stderr = createOutputCollector();
  let answered = false;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
  });
  // A tool that exits before reading all of its input closes the pipe; its exit status tells why.
  child.stdin.on('error', () => undefined);
  child.on('error', (error: NodeJS.ErrnoException) => {
    clearTimeout(timer);
    running.delete(child);
    if (answered) return;
    answered = true;
    reply({ id, startError: error.code ?? error.message });
  });
  child.on('close', (code) => {
    clearTimeout(timer);
    running.delete(child);
    if (answered) return;
    answered = true;
    reply({ id, code, stdoutBytes: stdout.size() }, [...stdout.chunks, ...stderr.chunks]);
  });
  return {
    write(slice) {
      if (child.stdin.writable) child.stdin.write(slice);
    },
    end() {
      if (child.stdin.writable) child.stdin.end();
    },
  };
}

let body: Body = discard;
const decoder = new FrameDecoder({
  head(header) {
    const request = parseCommandRequest(header);
    if (request === undefined) fail('malformed request');
    body = start(request);
  },
  body(slice) {
    body.write(slice);
  },
  end() {
    body.end();
    body = discard;
  },
});

process.title = 'fail2nft-helper';
// Nobody left to answer: stop the commands instead of letting them finish for no one.
output.on('error', () => fail('the service closed the reply pipe'));
process.stdin.on('data', (chunk: Buffer) => {
  const problem = decoder.push(chunk);
  if (problem !== undefined) fail(problem);
});
