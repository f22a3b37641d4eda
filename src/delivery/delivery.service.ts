import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChannelRegistry } from '../channels/channel-registry';
import { DeliveryChannel } from '../channels/delivery-channel';
import { AppError, notFound } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { DeliveriesRepository } from './deliveries.repository';
import { deliveryJob } from './delivery-jobs.factory';
import { Delivery } from './entities/delivery.entity';
import { DeliveryQueue } from './queue/delivery-queue';

/**
 * What the handoff module asks of delivery: schedule a handoff's deliveries in its transaction,
 * queue them after commit, redeliver by hand, and read them back.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: DeliveryQueue,
    private readonly channels: ChannelRegistry,
  ) {}

  /** One pending delivery per channel, in the caller's transaction, with each channel's attempts. */
  schedule(manager: EntityManager, handoffId: string, channels: readonly DeliveryChannel[]): Promise<Delivery[]> {
    return this.deliveries.schedule(
      manager,
      handoffId,
      channels.map((channel) => ({ channel: channel.name, maxAttempts: channel.retryPolicy.attempts })),
    );
  }

  /**
   * Queues scheduled deliveries; call after commit (a job for a row that is not there yet would
   * find nothing to send). When Redis does not take them, the sweep does later.
   */
  async enqueue(deliveries: Delivery[]): Promise<void> {
    await this.queue.enqueue(deliveries.map((delivery) => deliveryJob(delivery, this.channels.byName(delivery.channel))));
  }

  /**
   * Sends one channel's delivery again now, with the same handoffId. A finished one gets its
   * channel's attempts again; a pending one (waiting, or in backoff) keeps the attempts it has
   * left. Either way it ends with exactly one live job. 409 while an attempt is running.
   */
  async redeliver(handoffId: string, channelName: string): Promise<Delivery> {
    const channel = this.channels.byName(channelName);
    const reopened = await this.deliveries.reopen(handoffId, channelName, channel?.retryPolicy.attempts ?? 1);
    if (!reopened) {
      if (!(await this.deliveries.findOne(handoffId, channelName))) throw notFound('Delivery');
      throw new AppError(HttpStatus.CONFLICT, ErrorCode.Conflict, 'This delivery is being attempted right now; try again shortly.');
    }
    await this.queue.runNow(deliveryJob(reopened, channel));
    return reopened;
  }

  /** The deliveries of these handoffs, by channel name. */
  ofHandoffs(handoffIds: string[]): Promise<Delivery[]> {
    return this.deliveries.ofHandoffs(handoffIds);
  }

  /** The deliveries of one handoff with every attempt. */
  withAttempts(handoffId: string): Promise<Delivery[]> {
    return this.deliveries.withAttempts(handoffId);
  }
}
