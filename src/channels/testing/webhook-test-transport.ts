import { HostResolver, SystemHostResolver } from '../webhook-target/host-resolver';
import { parseWebhookAllowlist } from '../webhook-target/webhook-allowlist';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { loadConfig } from '../../config/load-config';
import { WebhookChannel } from '../webhook/webhook.channel';
import { WebhookTransport } from '../webhook/webhook-transport';

/** The allowlist that lets webhooks reach a local test receiver (startHttpsReceiver). */
export const TEST_WEBHOOK_ALLOWLIST = '127.0.0.1,localhost';

/** A HostResolver with fixed answers, e.g. a public-looking name that resolves to loopback. */
export class StaticHostResolver extends HostResolver {
  constructor(private readonly answers: Record<string, string[]>) {
    super();
  }

  async resolveAll(hostname: string): Promise<string[]> {
    const addresses = this.answers[hostname];
    if (addresses === undefined) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    return addresses;
  }
}

export interface TestTransportOptions {
  /** Defaults to TEST_WEBHOOK_ALLOWLIST. */
  allowlist?: string;
  /** The receiver's certificate to trust; omit to test certificate verification. */
  ca?: string;
  timeoutMs?: number;
  /** Defaults to the system resolver (`localhost` is loopback). */
  resolver?: HostResolver;
}

function testPolicy(options: TestTransportOptions): WebhookTargetPolicy {
  return new WebhookTargetPolicy(parseWebhookAllowlist(options.allowlist ?? TEST_WEBHOOK_ALLOWLIST), options.resolver ?? new SystemHostResolver(2_000));
}

/** A real WebhookTransport whose policy allowlists the local test receiver. */
export function testWebhookTransport(options: TestTransportOptions = {}): WebhookTransport {
  return new WebhookTransport(testPolicy(options), { timeoutMs: options.timeoutMs ?? 5_000, ca: options.ca });
}

/** A real WebhookChannel on such a transport; `maxBodyBytes` is WEBHOOK_MAX_BODY_BYTES. */
export function testWebhookChannel(options: TestTransportOptions & { maxBodyBytes?: number } = {}): WebhookChannel {
  const config = loadConfig({ NODE_ENV: 'test', WEBHOOK_MAX_BODY_BYTES: String(options.maxBodyBytes ?? 262_144) });
  return new WebhookChannel(testWebhookTransport(options), testPolicy(options), config);
}
