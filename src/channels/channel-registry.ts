import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DeliveryChannel } from './delivery-channel';

/**
 * The delivery channels, looked up by the name stored on each delivery: every DeliveryChannel
 * provider of the application, found when modules initialise, so registering a channel is
 * listing its class as a provider (ChannelsModule's CHANNELS, or a module of its own).
 */
@Injectable()
export class ChannelRegistry implements OnModuleInit {
  private channels: DeliveryChannel[] = [];
  private byNames: ReadonlyMap<string, DeliveryChannel> = new Map();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const instances = this.discovery.getProviders().map((wrapper) => wrapper.instance as unknown);
    this.channels = [...new Set(instances.filter((instance): instance is DeliveryChannel => instance instanceof DeliveryChannel))];
    this.byNames = new Map(this.channels.map((channel) => [channel.name, channel]));
    if (this.byNames.size !== this.channels.length) {
      throw new Error(`Delivery channel names must be unique: ${this.channels.map((c) => c.name).join(', ')}`);
    }
  }

  all(): readonly DeliveryChannel[] {
    return this.channels;
  }

  /** Undefined for a name no channel has (the caller answers 404 or records a failure). */
  byName(name: string): DeliveryChannel | undefined {
    return this.byNames.get(name);
  }
}
