import { pickFreePort } from '@mercato/host';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { http } from '../support/process.ts';
import { describeDistributed, dropNamespace, startTestCluster, type TestCluster } from './support.ts';

describeDistributed('the cluster launcher', () => {
  let cluster: TestCluster | undefined;
  let stranger: Server | undefined;

  afterAll(async () => {
    await cluster?.stop('SIGKILL');
    if (cluster) await dropNamespace(cluster.namespace);
    stranger?.close();
  });

  it('starts again on other ports when another program took a port it picked, and never takes that program for its own', async () => {
    // Something else answers "ready" on the first port handed out, as another cluster starting at the same moment would.
    stranger = createServer((_req, res) => res.end(JSON.stringify({ status: 'up', checks: {} })));
    await new Promise<void>((r) => stranger!.listen(0, '127.0.0.1', r));
    const taken = (stranger.address() as AddressInfo).port;
    let handedOut = 0;
    cluster = await startTestCluster({ pickPort: async () => (handedOut++ === 0 ? taken : pickFreePort()) });

    expect(cluster.logs.some((l) => l.includes(`found http://127.0.0.1:${taken} taken; starting the cluster again on other ports`))).toBe(
      true,
    );
    expect(cluster.processes.map((p) => new URL(p.url).port)).not.toContain(String(taken));
    const ready = await http(cluster.gatewayUrl, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.instance).toMatch(/^gateway\.1-/);
    expect((await http(cluster.gatewayUrl, 'GET', '/api/products')).status).toBe(200);
  }, 240_000);
});
