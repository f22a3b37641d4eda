import { startTestApp, TestApp, queryDatabase } from './support/test-app';
import { asAdmin, asPlatform, createTenant } from './support/tenants';

describe('Tenants and keys (platform and admin API)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('creates a tenant with a widget key and an admin key shown once', async () => {
    const tenant = await createTenant(testApp, { name: 'Acme', handoffEntitled: true });
    expect(tenant).toMatchObject({ name: 'Acme', handoffEntitled: true });
    expect(tenant.widgetKey).toMatch(/^wk_[A-Za-z0-9_-]{32}$/);
    expect(tenant.adminApiKey).toMatch(/^wak_[A-Za-z0-9_-]{43}$/);

    const rows = await queryDatabase(testApp.databaseUrl, 'SELECT key_hash FROM admin_api_keys WHERE tenant_id = $1', [tenant.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].key_hash).not.toContain(tenant.adminApiKey);
    expect(JSON.stringify(rows)).not.toContain(tenant.adminApiKey.slice(4));

    const me = await testApp.http().get('/v1/admin/tenant').set(asAdmin(tenant)).expect(200);
    expect(me.body).toEqual({
      id: tenant.id,
      name: 'Acme',
      widgetKey: tenant.widgetKey,
      handoffEntitled: true,
      createdAt: expect.any(String),
    });
    expect(me.body.adminApiKey).toBeUndefined();
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer not-the-platform-token' }],
    ['a wrong scheme', { Authorization: 'Basic dXNlcjpwYXNz' }],
  ])('refuses tenant creation with %s (401, error body)', async (_case, headers) => {
    const response = await testApp.http().post('/v1/platform/tenants').set(headers).send({ name: 'X' }).expect(401);
    expect(response.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('platform token'),
    });
  });

  it('does not accept an admin key on the platform API', async () => {
    const tenant = await createTenant(testApp);
    await testApp.http().post('/v1/platform/tenants').set(asAdmin(tenant)).send({ name: 'X' }).expect(401);
  });

  it('sets the handoff entitlement, and 404s an unknown tenant', async () => {
    const tenant = await createTenant(testApp);
    const patched = await testApp
      .http()
      .patch(`/v1/platform/tenants/${tenant.id}`)
      .set(asPlatform())
      .send({ handoffEntitled: true })
      .expect(200);
    expect(patched.body.handoffEntitled).toBe(true);

    const missing = await testApp
      .http()
      .patch('/v1/platform/tenants/00000000-0000-4000-8000-000000000000')
      .set(asPlatform())
      .send({ handoffEntitled: true })
      .expect(404);
    expect(missing.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Tenant not found.' });
  });

  it.each([
    ['no key', {}],
    ['a malformed header', { Authorization: 'wak_abc' }],
    ['an unknown key', { Authorization: 'Bearer wak_unknownunknownunknownunknownunknownunknow' }],
    ['the platform token', { Authorization: 'Bearer test-platform-token-0123456789' }],
  ])('refuses the admin API with %s (401)', async (_case, headers) => {
    const response = await testApp.http().get('/v1/admin/tenant').set(headers).expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
  });

  it('rotates admin keys: a revoked key stops working at once', async () => {
    const tenant = await createTenant(testApp);
    const issued = await testApp.http().post(`/v1/platform/tenants/${tenant.id}/admin-keys`).set(asPlatform()).expect(201);
    const second = { ...tenant, adminApiKey: issued.body.adminApiKey as string };
    await testApp.http().get('/v1/admin/tenant').set(asAdmin(second)).expect(200);

    await testApp.http().delete(`/v1/platform/tenants/${tenant.id}/admin-keys/${issued.body.id}`).set(asPlatform()).expect(204);
    await testApp.http().get('/v1/admin/tenant').set(asAdmin(second)).expect(401);
    await testApp.http().get('/v1/admin/tenant').set(asAdmin(tenant)).expect(200);
  });

  it("never revokes another tenant's key", async () => {
    const a = await createTenant(testApp);
    const b = await createTenant(testApp);
    const keyOfB = await testApp.http().post(`/v1/platform/tenants/${b.id}/admin-keys`).set(asPlatform()).expect(201);
    await testApp.http().delete(`/v1/platform/tenants/${a.id}/admin-keys/${keyOfB.body.id}`).set(asPlatform()).expect(404);
    await testApp.http().get('/v1/admin/tenant').set(asAdmin({ ...b, adminApiKey: keyOfB.body.adminApiKey })).expect(200);
  });

  it('gives each admin key only its own tenant', async () => {
    const a = await createTenant(testApp, { name: 'Tenant A' });
    const b = await createTenant(testApp, { name: 'Tenant B' });
    const asA = await testApp.http().get('/v1/admin/tenant').set(asAdmin(a)).expect(200);
    const asB = await testApp.http().get('/v1/admin/tenant').set(asAdmin(b)).expect(200);
    expect(asA.body.id).toBe(a.id);
    expect(asB.body.id).toBe(b.id);
  });
});

describe('Platform API without PLATFORM_TOKEN', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ PLATFORM_TOKEN: '' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('is disabled (403 PLATFORM_API_DISABLED)', async () => {
    const response = await testApp
      .http()
      .post('/v1/platform/tenants')
      .set('Authorization', 'Bearer anything-at-all-here')
      .send({ name: 'X' })
      .expect(403);
    expect(response.body.code).toBe('PLATFORM_API_DISABLED');
  });
});
