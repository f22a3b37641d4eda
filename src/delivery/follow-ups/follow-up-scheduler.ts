import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChannelRegistry } from '../../channels/channel-registry';
import { DeliveryChannel } from '../../channels/delivery-channel';
import { AppConfig } from '../../config/app-config';
import { ConversationsService } from '../../conversations/conversations.service';
import { Message, MessageRole } from '../../conversations/entities/message.entity';
import { MessageAdded, MESSAGE_ADDED } from '../../conversations/message-added.event';
import { ChannelSettingsService } from '../channel-settings/channel-settings.service';
import { DeliveriesRepository } from '../deliveries.repository';
import { deliveryJob } from '../delivery-jobs.factory';
import { Delivery, DeliveryKind } from '../entities/delivery.entity';
import { DeliveryQueue } from '../queue/delivery-queue';
import { FollowUpCursorsRepository } from './follow-up-cursors.repository';

/** The lane of agents' answers the visitor has not read, emailed to the visitor. */
export const VISITOR_LANE = 'visitor';

/**
 * One email gathers at most this many messages: a message holds at most 4,000 characters, so an
 * email carries at most 400 KB of text. A conversation sending more within the delay gets more
 * than one email (900 messages in an hour are 15 or so, not 900).
 */
export const MAX_MESSAGES_PER_EMAIL = 100;

/**
 * Turns the messages added while a handoff is open into deliveries, lane by lane: each channel
 * of the handoff that takes follow-ups (never the one an agent's answer came from), and the
 * visitor's own email for agents' answers. A lane's cursor says how far it got, so a pass can
 * run any number of times and a crash loses nothing: messages are durable and the next pass
 * carries on. A channel's deliveries are made in the messages' order, and a worker attempts each
 * after the one before it on that channel has finished.
 */
@Injectable()
export class FollowUpScheduler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cursors: FollowUpCursorsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly conversations: ConversationsService,
    private readonly channels: ChannelRegistry,
    private readonly queue: DeliveryQueue,
    private readonly config: AppConfig,
    private readonly settings: ChannelSettingsService,
  ) {}

  /** A new handoff's lanes: its channels that take follow-ups, and the visitor's email when given. */
  lanesOf(channels: readonly DeliveryChannel[], visitorEmail: string | null): string[] {
    const lanes = channels.filter((channel) => channel.followUps !== null).map((channel) => channel.name);
    if (visitorEmail !== null && this.visitorChannel()) lanes.push(VISITOR_LANE);
    return lanes;
  }

  /** The handoffs' conversation was erased: their lanes close for good, inside the caller's transaction. */
  close(manager: EntityManager, handoffIds: string[]): Promise<void> {
    return this.cursors.close(manager, handoffIds);
  }

  /** A message was added to an open handoff: a worker runs a pass for it. */
  @OnEvent(MESSAGE_ADDED)
  async onMessageAdded(event: MessageAdded): Promise<void> {
    await this.queue.enqueueFollowUp(event.handoffId, event.sequence);
  }

  /** One pass in its own transaction; its deliveries are queued once it has committed. */
  async run(handoffId: string): Promise<void> {
    const made = await this.dataSource.transaction((manager) => this.followUp(manager, handoffId));
    await this.enqueue(made);
  }

  /**
   * Makes the deliveries of the handoff's messages that no pass has taken yet, inside the caller's
   * transaction (a resolution runs one before announcing itself); returns them for the caller to
   * queue after commit.
   */
  async followUp(manager: EntityManager, handoffId: string): Promise<Delivery[]> {
    const lanes = await this.cursors.lock(manager, handoffId);
    if (lanes.length === 0) return [];
    const messages = await this.conversations.ofHandoffAfter(handoffId, Math.min(...lanes.map((lane) => lane.followedUpSeq)), manager);
    const made: Delivery[] = [];
    const tenantId = messages.length > 0 ? await this.deliveries.tenantOfHandoff(manager, handoffId) : '';
    for (const { lane, followedUpSeq } of lanes) {
      const fresh = messages.filter((message) => message.seq > followedUpSeq);
      if (fresh.length === 0) continue;
      made.push(...(await this.followLane(manager, { handoffId, tenantId }, lane, fresh)));
      await this.cursors.advance(manager, handoffId, lane, fresh[fresh.length - 1].seq);
    }
    return made;
  }

  /** Queues deliveries made by a pass, each when it is due. */
  async enqueue(deliveries: Delivery[]): Promise<void> {
    if (deliveries.length > 0) await this.queue.enqueue(deliveries.map((delivery) => deliveryJob(delivery, this.channels.byName(delivery.channel))));
  }

  /**
   * A lane's new messages as deliveries. A channel whose settings do not take follow-ups now (a
   * webhook not subscribed to `handoff.message`) gets none: its cursor moves on all the same, so
   * subscribing later sends what is added from then on.
   */
  private async followLane(manager: EntityManager, { handoffId, tenantId }: { handoffId: string; tenantId: string }, lane: string, fresh: Message[]): Promise<Delivery[]> {
    if (lane === VISITOR_LANE) {
      const answers = fresh.filter((message) => message.role === MessageRole.Agent);
      const channel = this.visitorChannel();
      return channel ? this.gather(manager, handoffId, channel, DeliveryKind.VisitorEmail, answers, this.config.mail.visitorReplyDelayMs) : [];
    }
    const channel = this.channels.byName(lane);
    if (!channel?.followUps || !(await this.settings.takes(tenantId, channel, 'follow_up'))) return [];
    // An agent's answer written in a helpdesk is never sent back to it.
    const taken = fresh.filter((message) => message.source !== lane);
    const { batchDelayMs } = channel.followUps;
    if (batchDelayMs === undefined) {
      return this.deliveries.scheduleEach(manager, handoffId, this.scheduled(channel), taken.map((message) => message.id));
    }
    return this.gather(manager, handoffId, channel, DeliveryKind.FollowUp, taken, batchDelayMs);
  }

  /**
   * Adds the messages to the channel's gathering delivery of that kind, or starts one, due
   * `delayMs` after the first message it carries.
   */
  private async gather(manager: EntityManager, handoffId: string, channel: DeliveryChannel, kind: DeliveryKind, messages: Message[], delayMs: number) {
    const made: Delivery[] = [];
    for (let start = 0; start < messages.length; start += MAX_MESSAGES_PER_EMAIL) {
      const chunk = messages.slice(start, start + MAX_MESSAGES_PER_EMAIL);
      const ids = chunk.map((message) => message.id);
      const grown = await this.deliveries.addToGathering(manager, handoffId, channel.name, kind, ids, MAX_MESSAGES_PER_EMAIL);
      if (grown) continue;
      const notBefore = new Date(chunk[0].createdAt.getTime() + delayMs);
      made.push(...(await this.deliveries.schedule(manager, handoffId, [this.scheduled(channel)], { kind, messageIds: ids, notBefore })));
    }
    return made;
  }

  private scheduled(channel: DeliveryChannel) {
    return { channel: channel.name, maxAttempts: channel.retryPolicy.attempts };
  }

  /** The channel that writes to visitors (email), if one is registered. */
  private visitorChannel(): DeliveryChannel | undefined {
    return this.channels.all().find((channel) => channel.reachesVisitors);
  }
}
