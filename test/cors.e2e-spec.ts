import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { startTestApp, TestApp } from './support/test-app';
import { asWidget } from './support/widget';

const CUSTOMER_SITE = 'https://shop.customer.example';

describe('CORS: the widget API answers any origin, the rest stays same-origin', () => {
  let testApp: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    testApp = await startTestApp();
    tenant = await createTenant(testApp);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('answers a preflight of the widget API from a customer site', async () => {
    const response = await testApp
      .http()
      .options('/v1/widget/conversations')
      .set('Origin', CUSTOMER_SITE)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'x-widget-key,content-type')
      .expect(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-methods']).toBe('GET,POST,OPTIONS');
    expect(response.headers['access-control-allow-headers']).toBe('X-Widget-Key,Authorization,Content-Type');
    expect(response.headers['access-control-max-age']).toBe('7200');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('marks widget API responses readable from any origin, Retry-After included', async () => {
    const response = await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).set('Origin', CUSTOMER_SITE).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-expose-headers']).toBe('Retry-After');
  });

  it('lets sites load the widget script cross-origin, with Subresource Integrity too', async () => {
    const response = await testApp.http().get('/widget.js').set('Origin', CUSTOMER_SITE).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it.each([
    ['the admin API', '/v1/admin/tenant'],
    ['the platform API', '/v1/platform/tenants'],
    ['health', '/health'],
  ])('sends no CORS headers for %s', async (_name, path) => {
    const preflight = await testApp
      .http()
      .options(path)
      .set('Origin', CUSTOMER_SITE)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();

    const actual = await testApp.http().get(path).set(asAdmin(tenant)).set('Origin', CUSTOMER_SITE);
    expect(actual.headers['access-control-allow-origin']).toBeUndefined();
  });
});
