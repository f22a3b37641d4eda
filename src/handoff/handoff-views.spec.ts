import { adminConversationUrl } from '../conversations/admin-conversation-url';
import { Delivery, DeliveryKind, DeliveryStatus } from '../delivery/entities/delivery.entity';
import { Handoff, HandoffStatus } from './entities/handoff.entity';
import { toHandoffDto } from './handoff-views';

describe('handoff views', () => {
  it('builds the admin deep link of a conversation', () => {
    expect(adminConversationUrl('https://admin.example.com', 'c0ffee00-0000-4000-8000-000000000001')).toBe(
      'https://admin.example.com/admin/conversations?id=c0ffee00-0000-4000-8000-000000000001',
    );
  });

  it('shows a handoff with its deliveries and nothing internal', () => {
    const handoff = Object.assign(new Handoff(), {
      id: 'h1',
      tenantId: 't1',
      conversationId: 'c1',
      visitorEmail: null,
      reason: 'Refund',
      status: HandoffStatus.Open,
      transcriptLength: 4,
      createdAt: new Date(0),
      resolvedAt: null,
      firstReplyAt: new Date(2),
      erasedAt: null,
    });
    const delivery = Object.assign(new Delivery(), {
      id: 'd1',
      handoffId: 'h1',
      channel: 'zendesk',
      kind: DeliveryKind.Handoff,
      messageIds: [],
      notBefore: null,
      ordinal: '7',
      erasedAt: null,
      status: DeliveryStatus.Delivered,
      attempts: 1,
      maxAttempts: 5,
      lastError: null,
      responseStatus: 201,
      durationMs: 12,
      deliveredAt: new Date(1),
      externalId: '35436',
      externalUrl: 'https://acme.zendesk.com/agent/tickets/35436',
      createdAt: new Date(0),
      updatedAt: new Date(1),
    });

    expect(toHandoffDto({ handoff, deliveries: [delivery], followUps: { total: 3, failed: 1 } }, 'https://admin.example.com')).toEqual({
      id: 'h1',
      conversationId: 'c1',
      adminConversationUrl: 'https://admin.example.com/admin/conversations?id=c1',
      visitorEmail: null,
      reason: 'Refund',
      status: 'open',
      createdAt: new Date(0),
      resolvedAt: null,
      firstReplyAt: new Date(2),
      erasedAt: null,
      deliveries: [
        {
          id: 'd1',
          kind: 'handoff',
          channel: 'zendesk',
          messageIds: [],
          status: 'delivered',
          attempts: 1,
          lastError: null,
          responseStatus: 201,
          durationMs: 12,
          deliveredAt: new Date(1),
          externalId: '35436',
          externalUrl: 'https://acme.zendesk.com/agent/tickets/35436',
          createdAt: new Date(0),
          erasedAt: null,
        },
      ],
      followUps: { total: 3, failed: 1 },
    });
  });
});
