import { Inject, Injectable } from '@nestjs/common';
import { ChannelSettings, DeliveryChannel } from './delivery-channel';

/** Every DeliveryChannel provider, in registration order (see ChannelsModule). */
export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');

/** The delivery channels, looked up by the name stored on each delivery. */
@Injectable()
export class ChannelRegistry {
  private readonly byNames: ReadonlyMap<string, DeliveryChannel>;

  constructor(@Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannel[]) {
    this.byNames = new Map(channels.map((channel) => [channel.name, channel]));
    if (this.byNames.size !== channels.length) {
      throw new Error(`Delivery channel names must be unique: ${channels.map((c) => c.name).join(', ')}`);
    }
  }

  all(): readonly DeliveryChannel[] {
    return this.channels;
  }

  /** Undefined for a name no channel has (the caller answers 404 or records a failure). */
  byName(name: string): DeliveryChannel | undefined {
    return this.byNames.get(name);
  }

  /** The channels the tenant's settings send handoffs through. */
  configured(settings: ChannelSettings): DeliveryChannel[] {
    return this.channels.filter((channel) => channel.isConfigured(settings));
  }
}
