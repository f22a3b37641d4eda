import { PLATFORM_TOKEN } from './test-app';
import { fetchJson } from './service-process';
import { TestTenant } from './tenants';
import { TestConversation } from './widget';

/** The HTTP API of a service running as its own process, as a tenant, its visitors and its team use it. */
export class ServiceApi {
  constructor(private readonly url: string) {}

  /** A tenant with handoff entitled and enabled, delivering by email. */
  async tenant(): Promise<TestTenant> {
    const tenant = await fetchJson<TestTenant>(`${this.url}/v1/platform/tenants`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${PLATFORM_TOKEN}` },
      body: JSON.stringify({ name: 'Acme', handoffEntitled: true }),
    });
    await this.admin(tenant, 'PATCH', '/v1/admin/handoff/settings', { enabled: true, email: 'team@acme.example' });
    return tenant;
  }

  conversation(tenant: TestTenant): Promise<TestConversation> {
    return fetchJson<TestConversation>(`${this.url}/v1/widget/conversations`, { method: 'POST', headers: { 'X-Widget-Key': tenant.widgetKey } });
  }

  visitorSays(tenant: TestTenant, conversation: TestConversation, content: string): Promise<unknown> {
    return this.visitor(tenant, conversation, 'messages', { content });
  }

  handoff(tenant: TestTenant, conversation: TestConversation, body: object): Promise<unknown> {
    return this.visitor(tenant, conversation, 'handoff', body);
  }

  reply(tenant: TestTenant, conversation: TestConversation, content: string): Promise<unknown> {
    return this.admin(tenant, 'POST', `/v1/admin/conversations/${conversation.conversationId}/replies`, { content, authorName: 'Dana' });
  }

  erase(tenant: TestTenant, conversation: TestConversation): Promise<unknown> {
    return this.admin(tenant, 'DELETE', `/v1/admin/conversations/${conversation.conversationId}`);
  }

  private admin(tenant: TestTenant, method: string, path: string, body?: object): Promise<unknown> {
    return fetchJson(`${this.url}${path}`, { method, headers: { Authorization: `Bearer ${tenant.adminApiKey}` }, body: body && JSON.stringify(body) });
  }

  private visitor(tenant: TestTenant, conversation: TestConversation, path: string, body: object): Promise<unknown> {
    return fetchJson(`${this.url}/v1/widget/conversations/${conversation.conversationId}/${path}`, {
      method: 'POST',
      headers: { 'X-Widget-Key': tenant.widgetKey, Authorization: `Bearer ${conversation.visitorToken}` },
      body: JSON.stringify(body),
    });
  }
}
