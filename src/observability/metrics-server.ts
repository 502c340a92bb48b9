// The HTTP endpoint Prometheus scrapes: GET (or HEAD) /metrics renders the registry; any other path is
// 404 and any other method 405. Plain node:http, so the service adds no framework for one route.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Fail2nftError } from '../core/errors.js';
import { defaultMetricsAddress, formatMetricsAddress, type MetricsAddress } from './metrics-address.js';
import type { Fail2nftMetrics } from './metrics.js';

export interface MetricsServerOptions {
  readonly metrics: Pick<Fail2nftMetrics, 'render' | 'contentType' | 'recordError'>;
  /** Default 127.0.0.1 (loopback). */
  readonly host?: string;
  /** Default 9191; 0 picks a free port (tests). */
  readonly port?: number;
  /** Told about a scrape that failed (the scraper gets a 500); the service logs it. */
  readonly onError?: (error: unknown) => void;
}

export interface MetricsServer {
  /** Listens; resolves with the bound address, throws F2N_ERR_METRICS_LISTEN when it cannot. */
  start(): Promise<MetricsAddress>;
  /** Stops listening and closes open scrape connections; safe to call more than once. */
  stop(): Promise<void>;
}

const listenProblems: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is already in use (another fail2nft or exporter?)',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'the address is not an address of this host',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
};

function listenError(address: MetricsAddress, error: unknown): Fail2nftError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const why = listenProblems[code] ?? (error instanceof Error ? error.message : String(error));
  return new Fail2nftError(
    'F2N_ERR_METRICS_LISTEN',
    `cannot serve metrics on ${formatMetricsAddress(address)}: ${why}`,
    { address: formatMetricsAddress(address), errno: code },
    error,
  );
}

export function createMetricsServer(options: MetricsServerOptions): MetricsServer {
  const { metrics, onError } = options;
  const wanted: MetricsAddress = {
    host: options.host ?? defaultMetricsAddress.host,
    port: options.port ?? defaultMetricsAddress.port,
  };
  let server: Server | undefined;

  const respond = (response: ServerResponse, status: number, body: string, headers = {}): void => {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    response.end(body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      respond(response, 404, 'not found: metrics are at /metrics\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      respond(response, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    try {
      const text = await metrics.render();
      response.writeHead(200, { 'Content-Type': metrics.contentType });
      response.end(request.method === 'HEAD' ? undefined : text);
    } catch (error) {
      metrics.recordError('observability', error);
      onError?.(error);
      if (!response.headersSent) respond(response, 500, 'cannot render metrics\n');
      else response.destroy();
    }
  };

  return {
    async start() {
      if (server !== undefined) throw new Fail2nftError('F2N_ERR_INTERNAL', 'metrics server already started');
      const created = createServer((request, response) => void handle(request, response));
      // A scrape is one small request; a client that sends its headers slowly is cut off.
      created.headersTimeout = 5_000;
      created.requestTimeout = 10_000;
      server = created;
      try {
        await new Promise<void>((resolve, reject) => {
          created.once('error', reject);
          created.listen({ host: wanted.host, port: wanted.port }, () => {
            created.off('error', reject);
            resolve();
          });
        });
      } catch (error) {
        server = undefined;
        created.close();
        throw listenError(wanted, error);
      }
      created.on('error', (error) => onError?.(error));
      const bound = created.address() as AddressInfo;
      return { host: bound.address, port: bound.port };
    },

    async stop() {
      const current = server;
      server = undefined;
      if (current === undefined) return;
      await new Promise<void>((resolve) => {
        current.close(() => {
          resolve();
        });
        // Prometheus keeps its connection alive between scrapes; close() alone would wait for it.
        current.closeAllConnections();
      });
    },
  };
}
