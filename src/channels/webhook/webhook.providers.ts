import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { HostResolver, SystemHostResolver } from '../webhook-target/host-resolver';
import { parseWebhookAllowlist, WebhookAllowlist } from '../webhook-target/webhook-allowlist';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { WebhookTransport } from './webhook-transport';

/**
 * The webhook's collaborators, built from the configuration at start-up so a bad
 * WEBHOOK_ALLOWLIST or WEBHOOK_CA_FILE stops the process with a clear message instead of
 * failing every delivery. HostResolver is a provider of its own so tests can override it.
 */
export const webhookProviders: Provider[] = [
  {
    provide: HostResolver,
    inject: [AppConfig],
    // Resolution leaves the request itself most of the delivery's deadline.
    useFactory: (config: AppConfig) => new SystemHostResolver(Math.min(5_000, Math.ceil(config.webhook.timeoutMs / 2))),
  },
  {
    provide: WebhookTargetPolicy,
    inject: [AppConfig, HostResolver],
    useFactory: (config: AppConfig, resolver: HostResolver) =>
      new WebhookTargetPolicy(readAllowlist(config.webhook.allowlist), resolver),
  },
  {
    provide: WebhookTransport,
    inject: [AppConfig, WebhookTargetPolicy],
    useFactory: (config: AppConfig, policy: WebhookTargetPolicy) =>
      new WebhookTransport(policy, {
        timeoutMs: config.webhook.timeoutMs,
        ca: readCaFile(config.webhook.caFile),
      }),
  },
];

function readAllowlist(raw: string): WebhookAllowlist {
  try {
    return parseWebhookAllowlist(raw);
  } catch (error) {
    throw new Error(`WEBHOOK_ALLOWLIST: ${(error as Error).message}`, { cause: error });
  }
}

function readCaFile(path: string | undefined): Buffer | undefined {
  if (path === undefined) return undefined;
  try {
    const pem = readFileSync(path);
    // Node silently ignores a CA option that holds no certificate; refuse it at start instead.
    new X509Certificate(pem);
    return pem;
  } catch (error) {
    throw new Error(
      `WEBHOOK_CA_FILE '${path}' is not a readable PEM certificate file: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
