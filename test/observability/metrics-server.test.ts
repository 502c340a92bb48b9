import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { Fail2nftError } from '../../src/core/errors.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { createMetricsServer, type MetricsServer } from '../../src/observability/metrics-server.js';

interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

function call(port: number, method: string, path: string, host = '127.0.0.1'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function withServer(run: (port: number, server: MetricsServer) => Promise<void>): Promise<void> {
  const metrics = createMetrics({ collectDefault: false });
  metrics.recordBan('sshd', 'failures');
  const server = createMetricsServer({ metrics, port: 0 });
  const { port } = await server.start();
  try {
    await run(port, server);
  } finally {
    await server.stop();
  }
}

test('GET /metrics serves the registry in Prometheus text format on loopback', async () => {
  const metrics = createMetrics({ collectDefault: false });
  metrics.recordBan('sshd', 'failures');
  const server = createMetricsServer({ metrics, port: 0 });
  const bound = await server.start();
  try {
    assert.equal(bound.host, '127.0.0.1');
    const reply = await call(bound.port, 'GET', '/metrics');
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(reply.body, /^fail2nft_bans_total\{jail="sshd",reason="failures"\} 1$/m);
    assert.match(reply.body, /^# TYPE fail2nft_ban_latency_seconds histogram$/m);
  } finally {
    await server.stop();
  }
});

test('a query string on /metrics is ignored and HEAD answers without a body', async () => {
  await withServer(async (port) => {
    assert.equal((await call(port, 'GET', '/metrics?name[]=x')).status, 200);
    const head = await call(port, 'HEAD', '/metrics');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });
});

test('any other path is 404', async () => {
  await withServer(async (port) => {
    for (const path of ['/', '/metrics/', '/metricsx', '/favicon.ico'])
      assert.equal((await call(port, 'GET', path)).status, 404, path);
  });
});

test('a method other than GET or HEAD is 405 with an Allow header', async () => {
  await withServer(async (port) => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const reply = await call(port, method, '/metrics');
      assert.equal(reply.status, 405, method);
      assert.equal(reply.headers.allow, 'GET, HEAD');
    }
  });
});

test('a port in use is a clear F2N_ERR_METRICS_LISTEN error', async () => {
  await withServer(async (port) => {
    const second = createMetricsServer({ metrics: createMetrics({ collectDefault: false }), port });
    await assert.rejects(second.start(), (error: unknown) => {
      assert.ok(error instanceof Fail2nftError);
      assert.equal(error.code, 'F2N_ERR_METRICS_LISTEN');
      assert.equal(
        error.message,
        `cannot serve metrics on 127.0.0.1:${port}: the port is already in use (another fail2nft or exporter?)`,
      );
      assert.equal(error.details.errno, 'EADDRINUSE');
      return true;
    });
    await second.stop();
  });
});

test('an address of another host is a clear F2N_ERR_METRICS_LISTEN error', async () => {
  const server = createMetricsServer({
    metrics: createMetrics({ collectDefault: false }),
    host: '192.0.2.1',
    port: 0,
  });
  await assert.rejects(
    server.start(),
    /cannot serve metrics on 192\.0\.2\.1:0: the address is not an address of this host/,
  );
});

test('a failing render answers 500, counts an observability error and tells onError', async () => {
  const metrics = createMetrics({ collectDefault: false });
  metrics.addScrapeHook(() => {
    throw new Fail2nftError('F2N_ERR_INTERNAL', 'sampler broke');
  });
  const seen: unknown[] = [];
  const server = createMetricsServer({ metrics, port: 0, onError: (error) => seen.push(error) });
  const { port } = await server.start();
  try {
    assert.equal((await call(port, 'GET', '/metrics')).status, 500);
    assert.equal(seen.length, 1);
    const errors = await metrics.errors.get();
    assert.deepEqual(
      errors.values.map((v) => [v.labels.stage, v.labels.code, v.value]),
      [['observability', 'F2N_ERR_INTERNAL', 1]],
    );
  } finally {
    await server.stop();
  }
});

test('stop closes kept-alive scrape connections, is idempotent, and a second start is refused', async () => {
  const metrics = createMetrics({ collectDefault: false });
  const server = createMetricsServer({ metrics, port: 0 });
  const { port } = await server.start();
  await assert.rejects(server.start(), /already started/);
  const { Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/metrics', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    })
      .on('error', reject)
      .end();
  });
  await server.stop();
  await server.stop();
  agent.destroy();
  await assert.rejects(call(port, 'GET', '/metrics'), /ECONNREFUSED/);
});

test('the server listens on IPv6 loopback when asked', async (t) => {
  const server = createMetricsServer({
    metrics: createMetrics({ collectDefault: false }),
    host: '::1',
    port: 0,
  });
  let bound;
  try {
    bound = await server.start();
  } catch (error) {
    assert.ok(error instanceof Fail2nftError);
    t.skip(`this host has no IPv6 loopback (${error.message}); the parse of [::1]:PORT is tested on its own`);
    return;
  }
  try {
    assert.equal(bound.host, '::1');
    assert.equal((await call(bound.port, 'GET', '/metrics', '::1')).status, 200);
  } finally {
    await server.stop();
  }
});
