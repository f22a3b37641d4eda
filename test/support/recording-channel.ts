import { Injectable, Module } from '@nestjs/common';
import { IsOptional, IsString, Length } from 'class-validator';
import {
  ChannelConfig,
  DeliveryChannel,
  DeliveryContext,
  DeliveryOutcome,
  HandoffPayload,
  RetryPolicy,
} from '../../src/channels/delivery-channel';
import { SettingField } from '../../src/channels/setting-field';

export class RecordingSettings {
  @SettingField({ label: 'Inbox name', type: 'text' })
  @IsString()
  @Length(1, 64)
  inbox: string;

  @SettingField({ label: 'Access token', type: 'text', secret: true })
  @IsString()
  @Length(8, 128)
  token: string;

  @SettingField({ label: 'Note', type: 'text', required: false })
  @IsOptional()
  @IsString()
  note?: string;
}

export interface RecordedDelivery {
  payload: HandoffPayload;
  config: ChannelConfig;
  deliveryId: string;
}

/**
 * A channel that exists only in the tests, to prove a channel is one class and one registration:
 * it keeps what it was asked to deliver, and fails (or throws) while `failNext` (`throwNext`) says so.
 */
@Injectable()
export class RecordingChannel extends DeliveryChannel<RecordingSettings> {
  readonly name = 'recorder';
  readonly displayName = 'Recorder';
  readonly settingsType = RecordingSettings;
  readonly retryPolicy: RetryPolicy = { attempts: 3, backoffBaseMs: 50, honoursRetryAfter: false, repeatsSafely: true };
  readonly transcriptBudgetBytes = 64 * 1024;
  readonly delivered: RecordedDelivery[] = [];
  failNext = 0;
  /** Attempts that throw as a buggy channel or a broken driver would, with a text no tenant should read. */
  throwNext = 0;

  async deliver(payload: HandoffPayload, config: ChannelConfig, { deliveryId }: DeliveryContext): Promise<DeliveryOutcome> {
    if (this.throwNext > 0) {
      this.throwNext -= 1;
      throw Object.assign(new Error('read ECONNRESET 10.0.3.7:5432'), { code: 'ECONNRESET' });
    }
    if (this.failNext > 0) {
      this.failNext -= 1;
      return { status: 'transient_failure', error: 'recorder is busy' };
    }
    this.delivered.push({ payload, config, deliveryId });
    return { status: 'delivered', responseStatus: 200, externalId: `rec-${this.delivered.length}`, externalUrl: 'https://recorder.example/1' };
  }
}

/** Registers the recording channel: the one line a channel needs. */
@Module({ providers: [RecordingChannel] })
export class RecordingChannelModule {}
