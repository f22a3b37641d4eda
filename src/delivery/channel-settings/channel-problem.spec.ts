import { IsOptional, IsString } from 'class-validator';
import { DeliveryChannel, NEVER_RETRY } from '../../channels/delivery-channel';
import { SettingField } from '../../channels/setting-field';
import { channelProblem } from './channel-problem';

class SampleSettings {
  @SettingField({ label: 'Domain', type: 'text' })
  @IsString()
  domain: string;

  @SettingField({ label: 'API key', type: 'text', secret: true })
  @IsString()
  apiKey: string;

  @SettingField({ label: 'Tags', type: 'list', required: false })
  @IsOptional()
  tags?: string[];
}

class SampleChannel extends DeliveryChannel<SampleSettings> {
  readonly name = 'sample';
  readonly displayName = 'Sample desk';
  readonly settingsType = SampleSettings;
  readonly retryPolicy = NEVER_RETRY;
  readonly transcriptBudgetBytes = 1024;

  override problem(settings: Partial<SampleSettings>): string | null {
    return settings.domain === 'blocked' ? 'That domain is suspended.' : null;
  }

  deliver(): never {
    throw new Error('not delivered in these tests');
  }
}

const channel = new SampleChannel();
const secret = { encrypted: 'v1:…', createdAt: '2026-11-27T10:00:00.000Z' };

describe('channelProblem', () => {
  it('says a channel without settings is not set up', () => {
    expect(channelProblem(channel, undefined)).toBe('Sample desk is not set up.');
  });

  it('names the first required field or secret that is missing, by its label', () => {
    expect(channelProblem(channel, { settings: {}, secrets: { apiKey: secret } })).toBe('Domain is missing.');
    expect(channelProblem(channel, { settings: { domain: '' }, secrets: { apiKey: secret } })).toBe('Domain is missing.');
    expect(channelProblem(channel, { settings: { domain: 'acme' }, secrets: {} })).toBe('API key is missing.');
  });

  it('asks the channel\'s own rules once the required fields are there', () => {
    expect(channelProblem(channel, { settings: { domain: 'blocked' }, secrets: { apiKey: secret } })).toBe('That domain is suspended.');
  });

  it('is null when a handoff sent now could be delivered; optional fields may be absent', () => {
    expect(channelProblem(channel, { settings: { domain: 'acme' }, secrets: { apiKey: secret } })).toBeNull();
  });
});
