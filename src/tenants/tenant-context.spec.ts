import { isHandoffAvailable } from './tenant-context';

describe('isHandoffAvailable', () => {
  const tenant = { id: 't', name: 'Acme', allowedOrigins: [] };

  it('needs both the entitlement and the toggle', () => {
    expect(isHandoffAvailable({ ...tenant, handoffEntitled: true, handoffEnabled: true })).toBe(true);
    expect(isHandoffAvailable({ ...tenant, handoffEntitled: true, handoffEnabled: false })).toBe(false);
    expect(isHandoffAvailable({ ...tenant, handoffEntitled: false, handoffEnabled: true })).toBe(false);
  });
});
