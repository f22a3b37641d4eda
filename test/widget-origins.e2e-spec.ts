import { asAdmin, createTenant, createTenantAllowing } from './support/tenants';
import { startTestApp, TestApp } from './support/test-app';
import { asVisitor, asWidget, openConversation } from './support/widget';

const SHOP = 'https://www.acme.example';
const SUBDOMAIN_SITE = 'https://eu.shop.acme.example';
const OTHER_SITE = 'https://copycat.example';

describe('Allowed origins per tenant', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  const tenantAllowing = (allowedOrigins: string[]) => createTenantAllowing(testApp, allowedOrigins);

  describe('the settings', () => {
    it('start empty, and store the origins given in their normal form', async () => {
      const tenant = await createTenant(testApp);
      const initial = await testApp.http().get('/v1/admin/widget/settings').set(asAdmin(tenant)).expect(200);
      expect(initial.body).toEqual({ allowedOrigins: [], transcriptRetentionDays: null });

      const updated = await testApp
        .http()
        .patch('/v1/admin/widget/settings')
        .set(asAdmin(tenant))
        .send({ allowedOrigins: ['https://WWW.Acme.example:443', 'https://*.shop.acme.example', 'http://localhost:8080', 'https://www.acme.example'] })
        .expect(200);
      expect(updated.body).toEqual({ allowedOrigins: [SHOP, 'https://*.shop.acme.example', 'http://localhost:8080'], transcriptRetentionDays: null });
      const read = await testApp.http().get('/v1/admin/widget/settings').set(asAdmin(tenant)).expect(200);
      expect(read.body).toEqual(updated.body);
    });

    it.each([
      ['a path', 'https://www.acme.example/shop', "allowedOrigins[1] 'https://www.acme.example/shop' is not an origin"],
      ['no scheme', 'www.acme.example', "allowedOrigins[1] 'www.acme.example' is not an origin"],
      ['a wildcard over a top-level domain', 'https://*.example', 'two or more labels'],
      ['credentials', 'https://user:secret@www.acme.example', 'must not contain credentials'],
    ])('refuses an entry with %s, naming it, and changes nothing', async (_case, entry, message) => {
      const tenant = await tenantAllowing([SHOP]);
      const response = await testApp
        .http()
        .patch('/v1/admin/widget/settings')
        .set(asAdmin(tenant))
        .send({ allowedOrigins: [SHOP, entry] })
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.message).toContain(message);
      const read = await testApp.http().get('/v1/admin/widget/settings').set(asAdmin(tenant)).expect(200);
      expect(read.body).toEqual({ allowedOrigins: [SHOP], transcriptRetentionDays: null });
    });

    it('refuses what is not a list of strings', async () => {
      const tenant = await createTenant(testApp);
      for (const allowedOrigins of ['https://www.acme.example', [42], Array(101).fill(SHOP)]) {
        const response = await testApp.http().patch('/v1/admin/widget/settings').set(asAdmin(tenant)).send({ allowedOrigins }).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('need an admin key', async () => {
      await testApp.http().get('/v1/admin/widget/settings').expect(401);
      await testApp.http().patch('/v1/admin/widget/settings').send({ allowedOrigins: [] }).expect(401);
    });
  });

  describe('the widget API of a tenant with a list', () => {
    it('refuses an origin not listed with 403 ORIGIN_NOT_ALLOWED and no CORS grant, on every widget route', async () => {
      const tenant = await tenantAllowing([SHOP, 'https://*.shop.acme.example']);
      const conversation = await openConversation(testApp, tenant);
      const requests = [
        testApp.http().get('/v1/widget/config').set(asWidget(tenant)),
        testApp.http().post('/v1/widget/conversations').set(asWidget(tenant)),
        testApp.http().get(`/v1/widget/conversations/${conversation.conversationId}/messages`).set(asVisitor(tenant, conversation)),
        testApp.http().post(`/v1/widget/conversations/${conversation.conversationId}/messages`).set(asVisitor(tenant, conversation)).send({ content: 'hi' }),
        testApp.http().post(`/v1/widget/conversations/${conversation.conversationId}/handoff`).set(asVisitor(tenant, conversation)).send({}),
      ];
      for (const request of requests) {
        const response = await request.set('Origin', OTHER_SITE);
        expect(response.status).toBe(403);
        expect(response.body).toEqual({ statusCode: 403, code: 'ORIGIN_NOT_ALLOWED', message: expect.any(String) });
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
        expect(response.headers['access-control-expose-headers']).toBeUndefined();
      }
    });

    it.each([
      ['a listed origin', SHOP],
      ['an origin under a wildcard', SUBDOMAIN_SITE],
    ])('grants %s, for the preflight and the request', async (_case, origin) => {
      const tenant = await tenantAllowing([SHOP, 'https://*.shop.acme.example']);
      const preflight = await testApp
        .http()
        .options('/v1/widget/conversations')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'x-widget-key')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBeDefined();
      expect(preflight.headers['access-control-allow-headers']).toContain('X-Widget-Key');

      const response = await testApp.http().post('/v1/widget/conversations').set(asWidget(tenant)).set('Origin', origin).expect(201);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(response.headers['access-control-expose-headers']).toBe('Retry-After');
      expect(response.headers.vary).toContain('Origin');
      const config = await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).set('Origin', origin).expect(200);
      expect(config.headers['access-control-allow-origin']).toBe(origin);
      expect(config.headers.vary).toContain('Origin');
    });

    it('serves requests without Origin (servers) as before', async () => {
      const tenant = await tenantAllowing([SHOP]);
      await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).expect(200);
      await openConversation(testApp, tenant);
    });

    it('applies a change at once, and an empty list allows every site again', async () => {
      const tenant = await createTenant(testApp);
      const fromOtherSite = () => testApp.http().get('/v1/widget/config').set(asWidget(tenant)).set('Origin', OTHER_SITE);
      // Warm the widget-key cache first: the change must reach it.
      expect((await fromOtherSite().expect(200)).headers['access-control-allow-origin']).toBe('*');

      await testApp.http().patch('/v1/admin/widget/settings').set(asAdmin(tenant)).send({ allowedOrigins: [SHOP] }).expect(200);
      await fromOtherSite().expect(403);

      await testApp.http().patch('/v1/admin/widget/settings').set(asAdmin(tenant)).send({ allowedOrigins: [] }).expect(200);
      expect((await fromOtherSite().expect(200)).headers['access-control-allow-origin']).toBe('*');
    });

    it("does not let one tenant's list affect another's", async () => {
      await tenantAllowing([SHOP]);
      const open = await createTenant(testApp);
      await testApp.http().get('/v1/widget/config').set(asWidget(open)).set('Origin', OTHER_SITE).expect(200);
    });
  });
});
