import { TestApp } from './test-app';
import { TestTenant } from './tenants';

export interface TestConversation {
  conversationId: string;
  visitorToken: string;
}

export function asWidget(tenant: TestTenant): Record<string, string> {
  return { 'X-Widget-Key': tenant.widgetKey };
}

export function asVisitor(tenant: TestTenant, conversation: TestConversation): Record<string, string> {
  return { ...asWidget(tenant), Authorization: `Bearer ${conversation.visitorToken}` };
}

export async function openConversation(testApp: TestApp, tenant: TestTenant): Promise<TestConversation> {
  const response = await testApp.http().post('/v1/widget/conversations').set(asWidget(tenant)).expect(201);
  return response.body as TestConversation;
}

export async function postVisitorMessage(
  testApp: TestApp,
  tenant: TestTenant,
  conversation: TestConversation,
  content: string,
) {
  return testApp
    .http()
    .post(`/v1/widget/conversations/${conversation.conversationId}/messages`)
    .set(asVisitor(tenant, conversation))
    .send({ content })
    .expect(201);
}

/** "Contact a human" through the widget API; resolves to the response after checking its status. */
export async function requestHandoff(
  testApp: TestApp,
  tenant: TestTenant,
  conversation: TestConversation,
  body: object = {},
  expectedStatus = 202,
) {
  return testApp
    .http()
    .post(`/v1/widget/conversations/${conversation.conversationId}/handoff`)
    .set(asVisitor(tenant, conversation))
    .send(body)
    .expect(expectedStatus);
}
