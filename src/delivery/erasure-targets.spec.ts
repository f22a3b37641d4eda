import { DeliveryChannel, DeliveryOutcome, DeliveryTopic, ErasureSupport, RetryPolicy } from '../channels/delivery-channel';
import { Delivery, DeliveryKind, DeliveryStatus } from './entities/delivery.entity';
import { erasureTargets } from './erasure-targets';

class ModesSettings {}

/** A channel that follows erasures in one mode of its settings, and takes `erased` only when subscribed. */
class ModalChannel extends DeliveryChannel<ModesSettings> {
  readonly name = 'modal';
  readonly displayName = 'Modal channel';
  readonly settingsType = ModesSettings;
  readonly retryPolicy: RetryPolicy = { attempts: 1, backoffBaseMs: 0, honoursRetryAfter: false, repeatsSafely: true };
  readonly transcriptBudgetBytes = 1;

  override takes(topic: DeliveryTopic, settings: Record<string, unknown>): boolean {
    return topic !== 'erased' || settings.subscribed !== false;
  }

  override erasure(settings: Record<string, unknown>): ErasureSupport {
    return settings.mode === 'app' ? { follows: true } : { follows: false, note: 'Posts stay.' };
  }

  deliver(): Promise<DeliveryOutcome> {
    return Promise.resolve({ status: 'delivered' });
  }
}

const handoffDelivery = (attempts = 1): Delivery =>
  Object.assign(new Delivery(), { handoffId: 'h1', channel: 'modal', kind: DeliveryKind.Handoff, status: DeliveryStatus.Delivered, attempts, externalId: 'C1:1.2' });

describe('erasureTargets', () => {
  const channel = new ModalChannel();
  const targetsWith = (settings: Record<string, unknown>, delivery = handoffDelivery()) =>
    erasureTargets([delivery], () => channel, () => settings);

  it("follows or not by the channel's answer for the tenant's settings", () => {
    expect(targetsWith({ mode: 'app' })).toEqual([{ handoffId: 'h1', channel: 'modal', externalId: 'C1:1.2', follow: true }]);
    expect(targetsWith({ mode: 'webhook' })).toEqual([
      { handoffId: 'h1', channel: 'modal', externalId: 'C1:1.2', follow: false, outcome: 'not_recallable', note: 'Posts stay.' },
    ]);
  });

  it('records a destination whose settings do not take erasures as not applicable', () => {
    expect(targetsWith({ mode: 'app', subscribed: false })).toEqual([
      { handoffId: 'h1', channel: 'modal', externalId: 'C1:1.2', follow: false, outcome: 'not_applicable', note: 'The Modal channel is not subscribed to erasures, so it was not told.' },
    ]);
  });

  it('needs nothing where nothing was sent', () => {
    expect(targetsWith({ mode: 'app' }, handoffDelivery(0))).toMatchObject([{ follow: false, outcome: 'not_applicable' }]);
  });
});
