// A TCP listener and a connecting client, each a small node process inside a network namespace, for
// the kernel tests with real packets. Both processes end on their own after a bounded time.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

const serverScript = `
import net from 'node:net';
const server = net.createServer((socket) => socket.end('ok\\n'));
server.listen({ host: '::', port: Number(process.argv[1]), ipv6Only: false }, () => console.log('ready'));
setTimeout(() => process.exit(0), Number(process.argv[2])).unref();
`;

const clientScript = `
import net from 'node:net';
import readline from 'node:readline';
setTimeout(() => process.exit(0), Number(process.argv[1])).unref();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { id, host, port, localAddress, timeoutMs } = JSON.parse(line);
  let done = false;
  const finish = (ok, reason) => {
    if (done) return;
    done = true;
    socket.destroy();
    console.log(JSON.stringify({ id, ok, reason }));
  };
  const socket = net.connect({ host, port, localAddress });
  socket.setTimeout(timeoutMs, () => finish(false, 'timeout'));
  socket.on('data', () => finish(true, 'connected'));
  socket.on('error', (error) => finish(false, error.code));
});
lines.on('close', () => process.exit(0));
`;

function nodeIn(netns: string, script: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn(
    'ip',
    ['netns', 'exec', netns, process.execPath, '--input-type=module', '-e', script, ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
}

export class TcpServer {
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {}

  static async start(netns: string, port: number, lifetimeMs: number): Promise<TcpServer> {
    const child = nodeIn(netns, serverScript, [String(port), String(lifetimeMs)]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the TCP listener did not start')), 10_000);
      child.stdout.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the TCP listener exited with ${code}`));
      });
    });
    return new TcpServer(child);
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

export interface ProbeResult {
  readonly ok: boolean;
  readonly reason: string;
}

export class TcpClient {
  private next = 1;
  private readonly pending = new Map<number, (result: ProbeResult) => void>();

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const { id, ok, reason } = JSON.parse(line) as { id: number; ok: boolean; reason: string };
      this.pending.get(id)?.({ ok, reason });
      this.pending.delete(id);
    });
  }

  static start(netns: string, lifetimeMs: number): TcpClient {
    return new TcpClient(nodeIn(netns, clientScript, [String(lifetimeMs)]));
  }

  /** Connects from localAddress; ok when the listener's greeting arrives within timeoutMs. */
  connect(host: string, port: number, localAddress: string, timeoutMs = 1000): Promise<ProbeResult> {
    const id = this.next++;
    return new Promise((resolve) => {
      // Bounded even if the client process is gone.
      const guard = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, reason: 'no answer from the client process' });
      }, timeoutMs + 3000);
      this.pending.set(id, (result) => {
        clearTimeout(guard);
        resolve(result);
      });
      this.child.stdin.write(`${JSON.stringify({ id, host, port, localAddress, timeoutMs })}\n`);
    });
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}
