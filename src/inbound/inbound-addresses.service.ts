import { Injectable } from '@nestjs/common';
import { DeliveryChannel } from '../channels/delivery-channel';
import { SecretCipher } from '../common/crypto/secret-cipher';
import { generateToken, sha256Hex } from '../common/crypto/tokens';
import { AppConfig } from '../config/app-config';
import { InboundAddressesRepository, StoredToken } from './inbound-addresses.repository';

/** 256 random bits, URL-safe: an address nobody can guess. */
const TOKEN_BYTES = 32;

/**
 * The inbound addresses of helpdesk channels, `{PUBLIC_BASE_URL}/v1/inbound/{channel}/{token}`:
 * each channel that has `inbound` gets one when first asked for, and keeps it until replaced.
 */
@Injectable()
export class InboundAddressesService {
  constructor(
    private readonly repository: InboundAddressesRepository,
    private readonly cipher: SecretCipher,
    private readonly config: AppConfig,
  ) {}

  /** The inbound URL of each of these channels that has an inbound side, by channel name. */
  async urlsOf(tenantId: string, channels: readonly DeliveryChannel[]): Promise<Map<string, string>> {
    const names = channels.filter((channel) => channel.inbound !== null).map((channel) => channel.name);
    let tokens = await this.repository.ofTenant(tenantId);
    const missing = names.filter((name) => !tokens.has(name));
    if (missing.length > 0) {
      await Promise.all(missing.map((name) => this.repository.insertIfMissing(tenantId, name, this.newToken().stored)));
      tokens = await this.repository.ofTenant(tenantId);
    }
    return new Map(names.map((name) => [name, this.urlOf(name, this.cipher.decrypt(tokens.get(name) as string))]));
  }

  /** A new address for the channel; the old one answers 404 from now on. */
  async replace(tenantId: string, channel: string): Promise<string> {
    const { token, stored } = this.newToken();
    await this.repository.replace(tenantId, channel, stored);
    return this.urlOf(channel, token);
  }

  /** The tenant the address belongs to, or null. */
  tenantOf(channel: string, token: string): Promise<string | null> {
    return this.repository.tenantOf(channel, sha256Hex(token));
  }

  private newToken(): { token: string; stored: StoredToken } {
    const token = generateToken('', TOKEN_BYTES);
    return { token, stored: { tokenHash: sha256Hex(token), tokenEncrypted: this.cipher.encrypt(token) } };
  }

  private urlOf(channel: string, token: string): string {
    return `${this.config.publicBaseUrl}/v1/inbound/${channel}/${token}`;
  }
}
