import { Injectable, Logger } from '@nestjs/common';
import { ChannelRegistry } from '../channels/channel-registry';
import { ChannelConfig, DeliveryChannel } from '../channels/delivery-channel';
import { InboundAnswer, InboundChannel, InboundRequest, TicketUpdate } from '../channels/inbound-channel';
import { SlackUserNames } from '../channels/slack/slack-user-names';
import { notFound } from '../common/errors/app-error';
import { MessageSource } from '../conversations/entities/message.entity';
import { ChannelSettingsService } from '../delivery/channel-settings/channel-settings.service';
import { DeliveryService } from '../delivery/delivery.service';
import { HandoffStatus } from '../handoff/entities/handoff.entity';
import { HandoffsService } from '../handoff/handoffs.service';
import { RepliesService } from '../handoff/replies.service';
import { InboundAddressesService } from './inbound-addresses.service';
import { InboundEventsRepository } from './inbound-events.repository';
import { authorNameOf, messageTextOf } from './inbound-text';

/** What the inbound address answers with its 200. */
export interface InboundReceipt {
  /** Slack's `url_verification` challenge, echoed. */
  challenge?: string;
}

/** A helpdesk channel with its inbound side, and the tenant an address belongs to. */
interface Addressed {
  tenantId: string;
  channel: DeliveryChannel;
  inbound: InboundChannel;
}

/**
 * Agents' answers from helpdesks: a request to an inbound address is verified as its helpdesk
 * signs it, read, mapped to the tenant's handoff by the ticket or thread its channel's handoff
 * delivery made, and becomes an agent message (once, whatever the copies); a solved or closed
 * ticket resolves the handoff. Whatever cannot be mapped, or is the service's own echo, is
 * ignored with the same 200, so nothing is learnt of other tenants' tickets.
 */
@Injectable()
export class InboundService {
  private readonly logger = new Logger(InboundService.name);

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly addresses: InboundAddressesService,
    private readonly channelSettings: ChannelSettingsService,
    private readonly deliveries: DeliveryService,
    private readonly replies: RepliesService,
    private readonly handoffs: HandoffsService,
    private readonly events: InboundEventsRepository,
    private readonly slackUserNames: SlackUserNames,
  ) {}

  /** 404 for an unknown address, 401 for a bad signature, 400 for a body the helpdesk would not send. */
  async receive(channelName: string, token: string, request: InboundRequest): Promise<InboundReceipt> {
    const addressed = await this.addressed(channelName, token);
    const config = await this.configOf(addressed);
    addressed.inbound.verify(request, config);
    const news = addressed.inbound.read(request.body);
    if (news.kind === 'challenge') return { challenge: news.challenge };
    if (news.kind === 'update') await this.apply(addressed, news.update);
    return {};
  }

  /**
   * Writes a Slack answer recorded before its author's name was known; a no-op when it was
   * written already (by another copy, or the sweep).
   */
  async completePending(id: string): Promise<void> {
    const pending = await this.events.findPending(id);
    if (!pending) return;
    const channel = this.registry.byName(pending.channel) as DeliveryChannel;
    const config = await this.configOf({ tenantId: pending.tenantId, channel });
    const name = await this.slackUserNames.nameOf(pending.answer.userId, stringOf(config.botToken));
    const reply = { content: pending.answer.text, authorName: authorNameOf(name, pending.answer.userId) };
    const outcome = await this.replies.replyToHandoff(pending.tenantId, pending.handoffId, reply, MessageSource.Slack, (manager) =>
      this.events.complete(id, manager),
    );
    // An answer that cannot be given (another handoff is open) is not tried again.
    if (outcome === 'ignored') await this.events.complete(id);
  }

  private async addressed(channelName: string, token: string): Promise<Addressed> {
    const channel = this.registry.byName(channelName);
    const tenantId = channel?.inbound ? await this.addresses.tenantOf(channel.name, token) : null;
    if (!channel?.inbound || !tenantId) throw notFound('Inbound address');
    return { tenantId, channel, inbound: channel.inbound };
  }

  /** The tenant's settings of the channel with secrets, or none when it has no usable settings. */
  private async configOf({ tenantId, channel }: Pick<Addressed, 'tenantId' | 'channel'>): Promise<ChannelConfig> {
    const settings = await this.channelSettings.deliveryConfig(tenantId, channel);
    return settings.problem === undefined ? settings.config : {};
  }

  private async apply({ tenantId, channel }: Addressed, update: TicketUpdate): Promise<void> {
    const handoffId = await this.deliveries.handoffOfHelpdeskThread(tenantId, channel.name, update.thread, update.handoffId);
    if (!handoffId) return;
    if (update.answer && !(await this.isEcho(tenantId, channel.name, update.answer))) {
      await this.take(tenantId, channel.name, handoffId, update.answer);
    }
    if (update.closes) await this.handoffs.setStatus(tenantId, handoffId, HandoffStatus.Resolved);
  }

  private async isEcho(tenantId: string, channel: string, answer: InboundAnswer): Promise<boolean> {
    return answer.itemId !== null && (await this.deliveries.madeExternalItem(tenantId, channel, answer.itemId));
  }

  /** Records the answer once: at once when the body names its author, else pending until the name is looked up. */
  private async take(tenantId: string, channel: string, handoffId: string, answer: InboundAnswer): Promise<void> {
    const content = messageTextOf(answer.text, answer.format);
    if (content === '') return;
    const key = { tenantId, channel, eventId: answer.eventId };
    if ('userId' in answer.author) {
      const pendingId = await this.events.recordPending(key, handoffId, { text: content, userId: answer.author.userId });
      if (pendingId) this.completeSoon(pendingId);
      return;
    }
    const reply = { content, authorName: authorNameOf(answer.author.name, channel) };
    // Helpdesk channels are named as the message sources they write.
    await this.replies.replyToHandoff(tenantId, handoffId, reply, channel as MessageSource, (manager) => this.events.recordTaken(manager, key, handoffId));
  }

  /** After the answer to the helpdesk: the name is looked up and the message written; the sweep retries what fails. */
  private completeSoon(id: string): void {
    setImmediate(() => {
      this.completePending(id).catch((error: Error) => this.logger.warn(`A Slack answer waits for the sweep: ${error.message}`));
    });
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
