import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A new address's stored form. */
export interface StoredToken {
  tokenHash: string;
  tokenEncrypted: string;
}

@Injectable()
export class InboundAddressesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The encrypted tokens of the tenant's addresses, by channel. */
  async ofTenant(tenantId: string): Promise<Map<string, string>> {
    const rows: { channel: string; token_encrypted: string }[] = await this.dataSource.query(
      'SELECT channel, token_encrypted FROM inbound_addresses WHERE tenant_id = $1',
      [tenantId],
    );
    return new Map(rows.map((row) => [row.channel, row.token_encrypted]));
  }

  /** Gives the channel an address unless it has one (two first reads at once keep the same one). */
  async insertIfMissing(tenantId: string, channel: string, token: StoredToken): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO inbound_addresses (tenant_id, channel, token_hash, token_encrypted) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, channel) DO NOTHING`,
      [tenantId, channel, token.tokenHash, token.tokenEncrypted],
    );
  }

  /** Replaces the channel's address: the old token finds nothing from now on. */
  async replace(tenantId: string, channel: string, token: StoredToken): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO inbound_addresses (tenant_id, channel, token_hash, token_encrypted, created_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (tenant_id, channel) DO UPDATE SET token_hash = EXCLUDED.token_hash, token_encrypted = EXCLUDED.token_encrypted, created_at = now()`,
      [tenantId, channel, token.tokenHash, token.tokenEncrypted],
    );
  }

  /** The tenant whose address of `channel` has this token hash. */
  async tenantOf(channel: string, tokenHash: string): Promise<string | null> {
    const rows: { tenant_id: string }[] = await this.dataSource.query(
      'SELECT tenant_id FROM inbound_addresses WHERE token_hash = $1 AND channel = $2',
      [tokenHash, channel],
    );
    return rows[0]?.tenant_id ?? null;
  }
}
