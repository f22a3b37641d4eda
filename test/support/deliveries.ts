import { asAdmin, TestTenant } from './tenants';
import { TestApp } from './test-app';
import { waitFor } from './wait';
import { openConversation, postVisitorMessage, requestHandoff, TestConversation } from './widget';

/** A delivery as `GET /v1/admin/handoffs/:id/deliveries` lists it. */
export interface DeliveryItem {
  id: string;
  kind: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  externalId: string | null;
  messageIds: string[];
}

/** The handoff's deliveries of one kind (`handoff`, `follow_up`...), oldest first. */
export async function deliveriesOf(testApp: TestApp, tenant: TestTenant, handoffId: string, kind: string): Promise<DeliveryItem[]> {
  return (await testApp.http().get(`/v1/admin/handoffs/${handoffId}/deliveries`).query({ kind, limit: 100 }).set(asAdmin(tenant)).expect(200)).body.items;
}

/** Waits until `count` deliveries of the kind are finished (delivered or failed), and returns them oldest first. */
export function finishedDeliveries(testApp: TestApp, tenant: TestTenant, handoffId: string, kind: string, count: number): Promise<DeliveryItem[]> {
  return waitFor(async () => {
    const items = await deliveriesOf(testApp, tenant, handoffId, kind);
    return items.length >= count && items.every((item) => ['delivered', 'failed'].includes(item.status)) && items;
  }, 20_000, `${count} finished ${kind} deliveries`);
}

/** The assistant adds a message to the conversation. */
export function assistantSays(testApp: TestApp, tenant: TestTenant, conversationId: string, content: string) {
  return testApp.http().post(`/v1/admin/conversations/${conversationId}/messages`).set(asAdmin(tenant)).send({ role: 'assistant', content }).expect(201);
}

/** Dana, of the tenant's team, answers in the admin console. */
export function agentAnswers(testApp: TestApp, tenant: TestTenant, conversationId: string, content: string) {
  return testApp.http().post(`/v1/admin/conversations/${conversationId}/replies`).set(asAdmin(tenant)).send({ content, authorName: 'Dana' }).expect(201);
}

/** A visitor asks for a person; returns the handoff once its delivery was made, with what the channel made of it. */
export async function handedOffThrough(testApp: TestApp, tenant: TestTenant, body: object = {}): Promise<{ conversation: TestConversation; handoffId: string; externalId: string }> {
  const conversation = await openConversation(testApp, tenant);
  await postVisitorMessage(testApp, tenant, conversation, 'I need a person');
  const handoffId = (await requestHandoff(testApp, tenant, conversation, body)).body.handoffId as string;
  const [handoff] = await finishedDeliveries(testApp, tenant, handoffId, 'handoff', 1);
  expect(handoff.status).toBe('delivered');
  return { conversation, handoffId, externalId: handoff.externalId as string };
}
