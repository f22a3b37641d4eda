import { Tenant } from '../entities/tenant.entity';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateTenantDto {
  /** The account's display name, shown in handoff emails. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** Whether the tenant may enable handoff; defaults to false. */
  @IsOptional()
  @IsBoolean()
  handoffEntitled?: boolean;
}

export class UpdateTenantDto {
  @IsBoolean()
  handoffEntitled: boolean;
}

export class TenantDto {
  /** @example "6b3c9a8e-5d2f-4c1b-9a7e-0f4d2c1b3a59" */
  id: string;
  name: string;
  /** Public key for the widget's `X-Widget-Key` header. */
  widgetKey: string;
  handoffEntitled: boolean;
  createdAt: Date;
}

export class CreatedTenantDto extends TenantDto {
  /** Secret admin API key. Shown only in this response: store it now. */
  adminApiKey: string;
}

export class CreatedAdminApiKeyDto {
  id: string;
  /** Secret admin API key. Shown only in this response: store it now. */
  adminApiKey: string;
}

export function toTenantDto(tenant: Tenant): TenantDto {
  const { id, name, widgetKey, handoffEntitled, createdAt } = tenant;
  return { id, name, widgetKey, handoffEntitled, createdAt };
}
