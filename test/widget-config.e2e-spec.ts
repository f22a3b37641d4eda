import { createTenant, createTenantAllowing } from './support/tenants';
import { startTestApp, TestApp } from './support/test-app';
import { asWidget } from './support/widget';

const SHOP = 'https://www.acme.example';
const PER_IP_LIMIT = 20;

describe('Widget config', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  const tenantAllowing = (allowedOrigins: string[]) => createTenantAllowing(testApp, allowedOrigins);

  it.each([
    ['from any site', [], undefined, '*'],
    ['from an allowed site', [SHOP], SHOP, SHOP],
    ['from a server (no Origin)', [SHOP], undefined, '*'],
  ])('answers %s with the config, its caching and CORS headers, the first time and once the key is cached', async (_case, allowed, origin, grant) => {
    const tenant = await tenantAllowing(allowed);
    const get = () => {
      const request = testApp.http().get('/v1/widget/config').set(asWidget(tenant));
      return origin === undefined ? request : request.set('Origin', origin);
    };

    for (const response of [await get(), await get()]) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ handoff: { enabled: false } });
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=30, stale-while-revalidate=30');
      expect(response.headers['access-control-allow-origin']).toBe(grant);
      expect(response.headers['x-ratelimit-limit-ip']).toBeDefined();
    }
  });

  it('keeps the request id a caller gives, and answers a revalidation with 304', async () => {
    const tenant = await createTenant(testApp);
    const first = await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).set('X-Request-Id', 'page-view-1').expect(200);
    const second = await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).set('X-Request-Id', 'page-view-2').expect(200);

    expect([first.headers['x-request-id'], second.headers['x-request-id']]).toEqual(['page-view-1', 'page-view-2']);
    await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).set('If-None-Match', second.headers.etag).expect(304);
  });

  it('still refuses a site the tenant does not allow once the key is cached', async () => {
    const tenant = await tenantAllowing([SHOP]);
    await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).expect(200);

    const refused = await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).set('Origin', 'https://copycat.example').expect(403);
    expect(refused.body).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('Widget config rate limit', () => {
  it('counts a client IP’s requests against one limit shared with the other API processes', async () => {
    const first = await startTestApp({ RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: String(PER_IP_LIMIT) });
    const second = await startTestApp({
      RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: String(PER_IP_LIMIT),
      DATABASE_URL: first.databaseUrl,
      REDIS_PREFIX: first.config.redis.prefix,
    });
    try {
      const tenant = await createTenant(first);
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) statuses.push((await first.http().get('/v1/widget/config').set(asWidget(tenant))).status);
      for (let i = 0; i < 15; i++) statuses.push((await second.http().get('/v1/widget/config').set(asWidget(tenant))).status);

      expect(statuses.filter((status) => status === 200)).toHaveLength(PER_IP_LIMIT);
      expect(statuses.slice(PER_IP_LIMIT)).toEqual(Array(30 - PER_IP_LIMIT).fill(429));
    } finally {
      await second.app.close();
      await first.close();
    }
  });
});
