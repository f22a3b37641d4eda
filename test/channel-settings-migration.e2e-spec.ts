import { verify } from '@octokit/webhooks-methods';
import { DataSource } from 'typeorm';
import { SecretCipher } from '../src/common/crypto/secret-cipher';
import { sha256Hex } from '../src/common/crypto/tokens';
import { loadConfig } from '../src/config/load-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ensureDatabaseExists, runMigrations } from '../src/database/prepare-database';
import { generateWebhookSecret } from '../src/channels/webhook/webhook-signature';
import { Peers, startPeers } from './support/peers';
import { dropDatabase, isolatedEnvironment, queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

/** The migration that moved the email and webhook settings into channel_settings. */
const CHANNEL_SETTINGS_MIGRATION = 1795797815275;
const ADMIN_KEY = 'wak_migration_key_0123456789abcdef';

/** Leaves the database as it was before the channel settings migration. */
async function migrateToBefore(databaseUrl: string, timestamp: number): Promise<void> {
  await ensureDatabaseExists(databaseUrl);
  await runMigrations(dataSourceOptions(databaseUrl));
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    while ((await dataSource.query('SELECT max(timestamp)::bigint AS t FROM migrations'))[0].t >= timestamp) {
      await dataSource.undoLastMigration();
    }
  } finally {
    await dataSource.destroy();
  }
}

describe('Moving settings to channel_settings', () => {
  let peers: Peers;
  let testApp: TestApp | undefined;
  const databaseUrl = isolatedEnvironment().DATABASE_URL;

  beforeAll(async () => {
    peers = await startPeers();
  });

  afterAll(async () => {
    await (testApp ? testApp.close() : dropDatabase(databaseUrl));
    await peers.close();
  });

  it('keeps every setting and secret, and delivers the deliveries left unfinished before it', async () => {
    await migrateToBefore(databaseUrl, CHANNEL_SETTINGS_MIGRATION);
    const secret = generateWebhookSecret();
    const cipher = new SecretCipher(loadConfig({}).encryptionKey);
    const [tenant] = await queryDatabase(
      databaseUrl,
      `INSERT INTO tenants (name, widget_key, handoff_entitled, handoff_enabled) VALUES ('Acme', 'wk_migration', true, true) RETURNING id`,
    );
    await queryDatabase(
      databaseUrl,
      `INSERT INTO admin_api_keys (tenant_id, key_hash, key_hint) VALUES ($1, $2, 'wak_…6789')`,
      [tenant.id, sha256Hex(ADMIN_KEY)],
    );
    await queryDatabase(
      databaseUrl,
      `INSERT INTO handoff_settings (tenant_id, email, webhook_url, webhook_secret_encrypted, webhook_secret_created_at)
       VALUES ($1, 'team@acme.example', $2, $3, '2026-11-01T10:00:00Z')`,
      [tenant.id, peers.receiver.url, cipher.encrypt(secret)],
    );
    const [conversation] = await queryDatabase(
      databaseUrl,
      `INSERT INTO conversations (tenant_id, visitor_token_hash, message_count) VALUES ($1, repeat('0', 64), 1) RETURNING id`,
      [tenant.id],
    );
    await queryDatabase(databaseUrl, `INSERT INTO messages (conversation_id, seq, role, content) VALUES ($1, 1, 'user', 'Still waiting for a person')`, [
      conversation.id,
    ]);
    const [handoff] = await queryDatabase(
      databaseUrl,
      `INSERT INTO handoffs (tenant_id, conversation_id, transcript_length) VALUES ($1, $2, 1) RETURNING id`,
      [tenant.id, conversation.id],
    );
    await queryDatabase(
      databaseUrl,
      `INSERT INTO deliveries (handoff_id, channel, updated_at) VALUES ($1, 'webhook', now() - interval '1 minute'), ($1, 'email', now() - interval '1 minute')`,
      [handoff.id],
    );

    testApp = await startTestApp({ ...peers.env, DATABASE_URL: databaseUrl, SWEEP_INTERVAL_MS: '1000' });

    const handoffId = String(handoff.id);
    const request = await waitFor(() => peers.receiver.requests.find((candidate) => candidate.body.toString().includes(handoffId)), 15_000, 'the webhook');
    await expect(verify(secret, request.body.toString(), String(request.headers['x-wilow-signature']))).resolves.toBe(true);
    await waitFor(() => peers.sink.messages.some((mail) => mail.headers.get('x-wilow-handoff-id') === handoffId), 15_000, 'the email');
    const admin = { Authorization: `Bearer ${ADMIN_KEY}` };
    const channels = await testApp.http().get('/v1/admin/handoff/channels').set(admin).expect(200);
    const byName = Object.fromEntries(channels.body.items.map((item: { channel: string }) => [item.channel, item]));
    expect(byName.email).toMatchObject({ configured: true, settings: { address: 'team@acme.example' } });
    expect(byName.webhook).toMatchObject({
      configured: true,
      settings: { url: peers.receiver.url },
      secrets: [{ name: 'signingSecret', set: true, createdAt: '2026-11-01T10:00:00.000Z' }],
    });
  });
});
