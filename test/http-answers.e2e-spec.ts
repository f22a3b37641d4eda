import { Body, Controller, HttpCode, Module, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request as send } from 'undici';
import { asAdmin, asPlatform, createTenant, TestTenant } from './support/tenants';
import { startTestApp, TestApp } from './support/test-app';
import { asVisitor, asWidget, openConversation, postVisitorMessage, TestConversation } from './support/widget';

/** A route that checks a signature over the body as sent would read it so: the digest of the raw bytes. */
@Controller('test/raw-body')
class RawBodyDigestController {
  @Post()
  @HttpCode(200)
  digest(@Req() request: RawBodyRequest<FastifyRequest>, @Body() body: Record<string, unknown>) {
    return { sha256: createHash('sha256').update(request.rawBody ?? '').digest('hex'), parsed: body };
  }
}

@Module({ controllers: [RawBodyDigestController] })
class RawBodyDigestModule {}

describe('HTTP answers: caching, compression, raw bodies', () => {
  let testApp: TestApp;
  let tenant: TestTenant;
  let conversation: TestConversation;

  beforeAll(async () => {
    testApp = await startTestApp(
      { RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: '100000', RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE: '100000' },
      undefined,
      [RawBodyDigestModule],
    );
    tenant = await createTenant(testApp);
    conversation = await openConversation(testApp, tenant);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const messagesPath = () => `/v1/widget/conversations/${conversation.conversationId}/messages`;

  it.each([
    ['an admin answer', () => testApp.http().get('/v1/admin/tenant').set(asAdmin(tenant)), 200],
    ['a platform answer', () => testApp.http().post('/v1/platform/tenants').set(asPlatform()).send({ name: 'Other' }), 201],
    ['a widget JSON answer', () => testApp.http().get(messagesPath()).set(asVisitor(tenant, conversation)), 200],
    ['an error of the widget config', () => testApp.http().get('/v1/widget/config').set('X-Widget-Key', 'wk_nobody'), 401],
    ['an error of the admin API', () => testApp.http().get('/v1/admin/tenant'), 401],
    ['an unknown route', () => testApp.http().get('/v1/nothing-here'), 404],
  ])('forbids every cache to keep %s', async (_case, call, status) => {
    const response = await call().expect(status);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.etag).toBeUndefined();
  });

  it('lets browsers and CDNs keep the widget config briefly, per key and origin', async () => {
    const response = await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=30, stale-while-revalidate=30');
    expect(response.headers.vary).toBe('X-Widget-Key, Origin');
  });

  it.each([
    ['/widget.js', 'public, max-age=300'],
    ['/admin/assets/main.js', 'no-cache'],
    ['/admin', 'no-cache'],
  ])('leaves the static asset %s its own caching', async (path, cacheControl) => {
    const response = await testApp.http().get(path).expect(200);
    expect(response.headers['cache-control']).toBe(cacheControl);
  });

  it('leaves the API documentation cacheable', async () => {
    const response = await testApp.http().get('/docs-json').expect(200);
    expect(response.headers['cache-control']).not.toBe('no-store');
  });

  it('compresses a read of 100 messages of 4,000 characters as the client accepts, and sends it plain otherwise', async () => {
    for (let i = 0; i < 100; i++) await postVisitorMessage(testApp, tenant, conversation, `${i} ${'é'.repeat(3_990)}`);
    const read = (acceptEncoding?: string) =>
      send(`${testApp.url}${messagesPath()}?after=0`, {
        headers: { ...asVisitor(tenant, conversation), ...(acceptEncoding && { 'accept-encoding': acceptEncoding }) },
      });
    const items = (text: string) => (JSON.parse(text) as { items: { content: string }[] }).items;

    const brotli = await read('gzip, deflate, br');
    const brotliBody = Buffer.from(await brotli.body.arrayBuffer());
    expect(brotli.headers['content-encoding']).toBe('br');
    const gzip = await read('gzip');
    const gzipBody = Buffer.from(await gzip.body.arrayBuffer());
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await read();
    const plainText = await plain.body.text();
    expect(plain.headers['content-encoding']).toBeUndefined();

    expect(items(plainText)).toHaveLength(100);
    expect(items(brotliDecompressSync(brotliBody).toString('utf8'))).toEqual(items(plainText));
    expect(items(gunzipSync(gzipBody).toString('utf8'))).toEqual(items(plainText));
    expect(brotliBody.length).toBeLessThan(Buffer.byteLength(plainText) / 10);
  });

  it('sends answers under 1 KB as they are, whatever the client accepts', async () => {
    const response = await send(`${testApp.url}/v1/widget/config`, { headers: { ...asWidget(tenant), 'accept-encoding': 'br, gzip' } });
    await response.body.text();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  it('keeps the bytes of a JSON body as sent beside the parsed body, for routes that check a signature over them', async () => {
    const sent = '{ "event":  "ticket.updated",\n  "id": 7 }';
    const response = await testApp.http().post('/test/raw-body').set('Content-Type', 'application/json').send(sent).expect(200);

    expect(response.body).toEqual({ sha256: createHash('sha256').update(sent).digest('hex'), parsed: { event: 'ticket.updated', id: 7 } });
  });
});
