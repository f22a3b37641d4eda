import { closedPort, HttpsReceiver, neverRespond, startHttpsReceiver } from '../testing/https-receiver';
import { StaticHostResolver, testWebhookTransport } from '../testing/webhook-test-transport';
import { WEBHOOK_USER_AGENT, WebhookTransportError } from './webhook-transport';

describe('WebhookTransport', () => {
  const body = '{"event":"handoff.created","reason":"Ünïcödé"}';
  const receivers: HttpsReceiver[] = [];

  async function receiver(...args: Parameters<typeof startHttpsReceiver>): Promise<HttpsReceiver> {
    const started = await startHttpsReceiver(...args);
    receivers.push(started);
    return started;
  }

  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((started) => started.close()));
  });

  async function expectFailure(promise: Promise<unknown>, reason: string | RegExp, diagnostic?: RegExp): Promise<void> {
    const error: unknown = await promise.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookTransportError);
    expect((error as WebhookTransportError).reason).toMatch(reason);
    if (diagnostic) expect((error as WebhookTransportError).diagnostic).toMatch(diagnostic);
  }

  it('POSTs the body bytes as given, with its headers, JSON content type and user agent', async () => {
    const target = await receiver({ respond: () => ({ status: 202, body: 'queued', headers: { 'Retry-After': '7' } }) });
    const transport = testWebhookTransport({ ca: target.ca });

    const response = await transport.post(`${target.url}?tenant=1`, body, { 'X-Extra': 'yes' });

    expect(response).toEqual({ status: 202, body: 'queued', durationMs: expect.any(Number), headers: expect.objectContaining({ 'retry-after': '7' }) });
    expect(target.requests).toHaveLength(1);
    const [request] = target.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/hook?tenant=1' });
    expect(request.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      'x-extra': 'yes',
      host: `localhost:${target.port}`,
    });
  });

  it('keeps at most 2 KB of the response body, never splitting a character', async () => {
    const target = await receiver({ respond: () => ({ status: 500, body: 'é'.repeat(2500) }) });

    const response = await testWebhookTransport({ ca: target.ca }).post(target.url, body, {});

    expect(response.status).toBe(500);
    expect(response.body).toBe('é'.repeat(1024));
  });

  it('reads more of the body when asked to', async () => {
    const target = await receiver({ respond: () => ({ status: 201, body: 'x'.repeat(5000) }) });

    const response = await testWebhookTransport({ ca: target.ca }).post(target.url, body, {}, { maxResponseBytes: 8192 });

    expect(response.body).toHaveLength(5000);
  });

  it('returns a redirect as the response and never follows it', async () => {
    const elsewhere = await receiver();
    const target = await receiver({
      respond: () => ({ status: 302, headers: { Location: elsewhere.url } }),
    });

    const response = await testWebhookTransport({ ca: target.ca }).post(target.url, body, {});

    expect(response.status).toBe(302);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it.each([
    ['never answers', neverRespond],
    ['answers the headers but never ends the body', () => ({ status: 200, body: 'partial', stall: true })],
  ])('gives up on a server that %s after timeoutMs', async (_behaviour, respond) => {
    const target = await receiver({ respond });
    const transport = testWebhookTransport({ ca: target.ca, timeoutMs: 300 });

    const started = Date.now();
    await expectFailure(transport.post(target.url, body, {}), 'timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reports a refused connection', async () => {
    const url = `https://localhost:${await closedPort()}/hook`;
    await expectFailure(testWebhookTransport().post(url, body, {}), 'connection refused');
  });

  it('verifies the certificate against the default CAs when no extra CA is given', async () => {
    const target = await receiver();

    // The certificate's own words stay out of the reason a tenant reads, in the diagnostic for the log.
    await expectFailure(testWebhookTransport().post(target.url, body, {}), /^TLS certificate not trusted$/, /self-signed/);
    expect(target.requests).toHaveLength(0);
  });

  it('verifies the certificate against the URL host name, not the address connected to', async () => {
    const target = await receiver();
    const resolver = new StaticHostResolver({ 'helpdesk.example.net': ['127.0.0.1'] });
    const transport = testWebhookTransport({ ca: target.ca, resolver });
    const url = `https://helpdesk.example.net:${target.port}/hook`;

    // Allowlisted by address: the name resolves to 127.0.0.1, but the certificate is for localhost.
    await expectFailure(transport.post(url, body, {}), /^TLS certificate not trusted$/, /Hostname\/IP does not match/);
  });

  it('vets the host again at send time and never connects to a blocked address', async () => {
    const target = await receiver();
    const rebound = new StaticHostResolver({ 'rebind.example.com': ['127.0.0.1'] });
    // Only the test receiver's name is allowlisted, not the address the rebound name points to.
    const transport = testWebhookTransport({ ca: target.ca, resolver: rebound, allowlist: 'localhost' });
    const url = `https://rebind.example.com:${target.port}/hook`;

    await expectFailure(
      transport.post(url, body, {}),
      'address refused: Webhook host resolves to a private or reserved address.',
    );
    expect(target.requests).toHaveLength(0);
  });

  it('keeps the connection to a vetted destination for the next request', async () => {
    const target = await receiver();
    const transport = testWebhookTransport({ ca: target.ca });

    for (let i = 0; i < 6; i++) expect((await transport.post(target.url, body, {})).status).toBe(200);

    expect(target.requests).toHaveLength(6);
    // The second request may leave before the first connection is marked free again.
    expect(target.connections()).toBeLessThanOrEqual(2);
    await transport.onApplicationShutdown();
  });

  it('opens a new connection, to the new addresses only, when the name’s answer changes', async () => {
    const target = await receiver();
    const answers: Record<string, string[]> = { localhost: ['127.0.0.1'] };
    const transport = testWebhookTransport({ ca: target.ca, resolver: new StaticHostResolver(answers) });

    await transport.post(target.url, body, {});
    await transport.post(target.url, body, {});
    const before = target.connections();
    answers.localhost = ['127.0.0.1', '::1'];
    await transport.post(target.url, body, {});

    expect(target.requests).toHaveLength(3);
    expect(target.connections()).toBe(before + 1);
    await transport.onApplicationShutdown();
  });

  it('refuses a URL that is not https, without connecting', async () => {
    const target = await receiver();
    const url = target.url.replace('https:', 'http:');

    await expectFailure(testWebhookTransport({ ca: target.ca }).post(url, body, {}), /must use https/);
    expect(target.requests).toHaveLength(0);
  });
});
