import { Injectable } from '@nestjs/common';
import { ChannelRegistry } from '../../channels/channel-registry';
import { ChannelEvent } from '../../channels/delivery-channel';

/**
 * Every event a destination can subscribe to, with the JSON Schema of its body, as the channels
 * that send them declare them (the webhook's `handoff.*`): the schemas are the ones the channels
 * build their bodies from, so the catalogue cannot drift from what is sent.
 */
@Injectable()
export class EventCatalogue {
  constructor(private readonly registry: ChannelRegistry) {}

  events(): ChannelEvent[] {
    const byName = new Map<string, ChannelEvent>();
    for (const event of this.registry.all().flatMap((channel) => channel.events)) {
      if (!byName.has(event.name)) byName.set(event.name, event);
    }
    return [...byName.values()];
  }
}
