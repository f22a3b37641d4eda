import { DeliveryStatus } from './entities/delivery.entity';
import { nextDeliveryStatus } from './delivery-status';

describe('nextDeliveryStatus', () => {
  it('ends a delivery on success or a permanent failure, whatever the attempts left', () => {
    expect(nextDeliveryStatus('delivered', 1, 10)).toBe(DeliveryStatus.Delivered);
    expect(nextDeliveryStatus('permanent_failure', 1, 10)).toBe(DeliveryStatus.Failed);
  });

  it('retries a transient failure while attempts remain, then gives up', () => {
    expect(nextDeliveryStatus('transient_failure', 1, 3)).toBe(DeliveryStatus.Pending);
    expect(nextDeliveryStatus('transient_failure', 2, 3)).toBe(DeliveryStatus.Pending);
    expect(nextDeliveryStatus('transient_failure', 3, 3)).toBe(DeliveryStatus.Failed);
  });

  it('gives a redelivered delivery past its budget a single attempt', () => {
    expect(nextDeliveryStatus('transient_failure', 11, 10)).toBe(DeliveryStatus.Failed);
  });
});
