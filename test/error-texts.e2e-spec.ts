import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { HostResolver } from '../src/channels/webhook-target/host-resolver';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { asAdmin, createTenant } from './support/tenants';
import { isolatedEnvironment, startTestApp, TestApp } from './support/test-app';

const PUBLIC_ADDRESS = '93.184.216.34';
const INTERNAL_ADDRESSES = ['10.20.30.40', '169.254.169.254', 'fd00::7'];

/** DNS as the test decides: a helpdesk name that points inside the network. */
class StubResolver extends HostResolver {
  readonly answers = new Map<string, string[]>();

  resolveAll(hostname: string): Promise<string[]> {
    const answer = this.answers.get(hostname);
    return answer ? Promise.resolve(answer) : Promise.reject(new Error(`ENOTFOUND ${hostname}`));
  }
}

describe('What error texts reveal', () => {
  describe('a refused webhook URL', () => {
    let testApp: TestApp;
    const dns = new StubResolver();

    beforeAll(async () => {
      testApp = await startTestApp({}, (builder) => builder.overrideProvider(HostResolver).useValue(dns));
    });

    afterAll(async () => {
      await testApp.close();
    });

    it.each([
      ['one internal address', ['10.20.30.40']],
      ['a public address beside internal ones', [PUBLIC_ADDRESS, '169.254.169.254', 'fd00::7']],
    ])('says the host resolves to a private address, without the addresses (%s)', async (_case, addresses) => {
      dns.answers.set('helpdesk.acme.example', addresses);
      const tenant = await createTenant(testApp, { handoffEntitled: true });
      const response = await testApp
        .http()
        .patch('/v1/admin/handoff/settings')
        .set(asAdmin(tenant))
        .send({ webhookUrl: 'https://helpdesk.acme.example/hook' })
        .expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'WEBHOOK_URL_REJECTED',
        message: 'Webhook host resolves to a private or reserved address.',
      });
    });

    it('says the same at send time, when the name moved inside the network after it was saved', async () => {
      dns.answers.set('rebinding.acme.example', [PUBLIC_ADDRESS]);
      const tenant = await createTenant(testApp, { handoffEntitled: true });
      await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: 'https://rebinding.acme.example/hook' });
      await generateWebhookSecret(testApp, tenant);
      dns.answers.set('rebinding.acme.example', INTERNAL_ADDRESSES);

      const response = await testApp.http().post('/v1/admin/handoff/test/webhook').set(asAdmin(tenant)).expect(200);
      expect(response.body).toMatchObject({ ok: false, error: expect.stringContaining('resolves to a private or reserved address') });
      for (const address of INTERNAL_ADDRESSES) expect(JSON.stringify(response.body)).not.toContain(address);
    });
  });

  describe('a configuration error at start', () => {
    const SECRET = 'pa55-w0rd-never-printed';

    async function startBuiltService(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
      const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'main.js')], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      return { code, output };
    }

    it('names each bad variable that carries a credential, never its value', async () => {
      const { code, output } = await startBuiltService(
        isolatedEnvironment({
          DATABASE_URL: `postgres://wilow:${SECRET}@db host.internal/wilow`,
          REDIS_URL: `redis://:${SECRET}@cache.internal:99999`,
          SMTP_URL: `mail://relay:${SECRET}@smtp.internal:587`,
          ENCRYPTION_KEY: `${SECRET}!`,
          PLATFORM_TOKEN: 'short',
          METRICS_TOKEN: 'short',
        }),
      );
      expect(code).toBe(1);
      for (const variable of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'ENCRYPTION_KEY', 'PLATFORM_TOKEN', 'METRICS_TOKEN']) {
        expect(output).toContain(`${variable} (value hidden`);
      }
      expect(output).not.toContain(SECRET);
      expect(output).not.toContain('internal');
      expect(output).not.toContain('short');
    });
  });
});
