import { randomBytes } from 'node:crypto';
import { isolatedEnvironment, ServiceProcess, startServiceProcess } from './support/service-process';
import { dropDatabase, startTestApp, TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

describe('/metrics with METRICS_TOKEN set', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ METRICS_TOKEN });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('serves the metrics with the token', async () => {
    const response = await testApp.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(response.text).toContain('wilow_http_request_duration_seconds');
  });

  it.each([
    ['no Authorization', {}],
    ['another token', { Authorization: 'Bearer metrics-token-0123456789abcdeX' }],
    ['the token in another scheme', { Authorization: `Basic ${METRICS_TOKEN}` }],
  ])('answers 401 with %s, and no metrics', async (_case, headers) => {
    const response = await testApp.http().get('/metrics').set(headers).expect(401);
    expect(response.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.stringContaining('METRICS_TOKEN') });
    expect(response.text).not.toContain('wilow_');
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  it('is open outside production', async () => {
    const testApp = await startTestApp();
    try {
      const response = await testApp.http().get('/metrics').expect(200);
      expect(response.text).toContain('wilow_http_request_duration_seconds');
    } finally {
      await testApp.close();
    }
  });

  describe('in production (the built service)', () => {
    let service: ServiceProcess;

    beforeAll(async () => {
      service = await startServiceProcess(
        isolatedEnvironment({ NODE_ENV: 'production', ENCRYPTION_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'info' }),
      );
    });

    afterAll(async () => {
      await service?.stop();
      if (service) await dropDatabase(service.env.DATABASE_URL);
    });

    it('is not served (404), and the service says so once at start', async () => {
      const response = await fetch(`${service.url}/metrics`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /metrics' });
      const said = service.output().split('\n').filter((line) => line.includes('METRICS_TOKEN is unset: /metrics is not served'));
      expect(said).toHaveLength(1);
    });

    it('is not served even with a bearer token', async () => {
      const response = await fetch(`${service.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(404);
    });
  });
});
