import { asAdmin, TestTenant } from './tenants';
import { TestApp } from './test-app';

export interface HandoffSettingsInput {
  enabled?: boolean;
  email?: string | null;
  webhookUrl?: string | null;
}

export async function configureHandoff(testApp: TestApp, tenant: TestTenant, settings: HandoffSettingsInput) {
  const response = await testApp.http().patch('/v1/admin/handoff/settings').set(asAdmin(tenant)).send(settings).expect(200);
  return response.body;
}

export async function generateWebhookSecret(testApp: TestApp, tenant: TestTenant): Promise<string> {
  const response = await testApp.http().post('/v1/admin/handoff/webhook-secret').set(asAdmin(tenant)).expect(201);
  return response.body.secret as string;
}
