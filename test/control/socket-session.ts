// A raw client for the control socket tests: writes whatever it is given and reads response lines.
import { createConnection, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SocketSession {
  readonly socket: Socket;
  write(text: string | Buffer): void;
  /** The next response line, parsed. */
  next(): Promise<Record<string, unknown>>;
  /** Resolves when the server closed the connection. */
  readonly closed: Promise<void>;
}

export function openSession(path: string): Promise<SocketSession> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    const lines: string[] = [];
    const waiters: ((line: string) => void)[] = [];
    let partial = '';
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      partial += text;
      for (let newline = partial.indexOf('\n'); newline >= 0; newline = partial.indexOf('\n')) {
        const line = partial.slice(0, newline);
        partial = partial.slice(newline + 1);
        const waiter = waiters.shift();
        if (waiter === undefined) lines.push(line);
        else waiter(line);
      }
    });
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      resolve({
        socket,
        write: (text) => socket.write(text),
        next: () =>
          new Promise((done, fail) => {
            const take = (line: string): void => done(JSON.parse(line) as Record<string, unknown>);
            const line = lines.shift();
            if (line !== undefined) take(line);
            else {
              waiters.push(take);
              void closed.then(() => fail(new Error('connection closed before a response')));
            }
          }),
        closed,
      });
    });
    socket.once('error', reject);
  });
}

/** A temporary directory for sockets; removed by the returned function. */
export function socketDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'f2n-ctl-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
