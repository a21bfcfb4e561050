import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialId } from '../../../src/core/net/auth';
import type { HttpAuth } from '../../../src/core/net/auth';
import { createManualClock } from '../../../src/core/net/clock';
import { createConnectionHttpClient } from '../../../src/core/net/connection-http';
import { forgetLimiter, limiterKey } from '../../../src/core/net/limiter-registry';
import type { Loopback } from './loopback';
import { sendJson, startLoopback } from './loopback';

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback((req, res) => sendJson(res, 200, { url: req.url }));
});
afterAll(async () => {
  await server.close();
});

describe('createConnectionHttpClient', () => {
  it('gives every client of one token the same limiter (sync and upload share a budget)', async () => {
    const clock = createManualClock();
    const auth: HttpAuth = { kind: 'bearer', token: 'shared-token' };
    const opts = { baseUrl: server.url, auth, limits: { requestsPerSecond: 5 }, userAgent: 'test', clock };
    const sync = createConnectionHttpClient(opts);
    const upload = createConnectionHttpClient(opts);
    try {
      await sync.request({ method: 'GET', path: 'pull' });
      const second = upload.request({ method: 'PUT', path: 'push', json: {} });
      await clock.advance(100);
      expect(server.received.map((r) => r.url)).toEqual(['/pull']); // still waiting for its slot
      await clock.advance(200);
      await second;
      expect(server.received.map((r) => r.url)).toEqual(['/pull', '/push']);
    } finally {
      forgetLimiter(limiterKey(server.url, credentialId(auth)));
    }
  });

  it('refuses bodies over the remote limit before sending', async () => {
    const auth: HttpAuth = { kind: 'basic', username: 'u', password: 'p' };
    const client = createConnectionHttpClient({
      baseUrl: server.url,
      auth,
      limits: { requestsPerSecond: 100, maxBodyBytes: 16 },
      userAgent: 'test',
    });
    try {
      await expect(
        client.request({ method: 'PUT', path: 'products', json: ['0123456789', 'abcdef'] }),
      ).rejects.toMatchObject({
        kind: 'payload_too_large',
        status: 0,
      });
    } finally {
      forgetLimiter(limiterKey(server.url, credentialId(auth)));
    }
  });
});
