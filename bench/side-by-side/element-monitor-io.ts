// The benchmark's end of element-monitor.ts: start it in a namespace, stop it, read what it saw.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jailOfSet, parseElementEvent } from './element-events.js';

const script = fileURLToPath(new URL('./element-monitor.js', import.meta.url));
/** nft subscribes a moment after it starts; nothing in the bench adds elements sooner than this. */
const SUBSCRIBE_MS = 300;

export class ElementMonitor {
  private offset = 0;
  private partial = '';
  private readonly firstSeen = new Map<string, Map<string, number>>();
  private lastT = 0;

  private constructor(
    private readonly child: ChildProcess,
    private readonly file: string,
  ) {}

  static async start(netns: string, file: string): Promise<ElementMonitor> {
    const child = spawn(process.execPath, [script, netns, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('the element monitor did not start in 10 s'));
      }, 10_000);
      child.stdout.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the element monitor exited (${String(code)})`));
      });
    });
    await new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_MS));
    return new ElementMonitor(child, file);
  }

  /** Elements seen so far, first time per (jail, address); reads only what was added since the last call. */
  seen(): ReadonlyMap<string, ReadonlyMap<string, number>> {
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > this.offset) {
        const bytes = Buffer.alloc(size - this.offset);
        const read = readSync(fd, bytes, 0, bytes.length, this.offset);
        this.offset += read;
        const text = this.partial + bytes.subarray(0, read).toString('utf8');
        const end = text.lastIndexOf('\n');
        this.partial = end < 0 ? text : text.slice(end + 1);
        if (end >= 0) for (const line of text.slice(0, end).split('\n')) this.take(line);
      }
    } finally {
      closeSync(fd);
    }
    return this.firstSeen;
  }

  /** The stamp of the last element line read by seen(). */
  lastElementMs(): number {
    return this.lastT;
  }

  private take(line: string): void {
    const event = parseElementEvent(line);
    if (event === undefined) return;
    const jail = jailOfSet(event.set);
    if (jail === undefined) return;
    let seen = this.firstSeen.get(jail);
    if (seen === undefined) {
      seen = new Map();
      this.firstSeen.set(jail, seen);
    }
    if (!seen.has(event.address)) {
      seen.set(event.address, event.t);
      this.lastT = Math.max(this.lastT, event.t);
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(kill);
  }
}
