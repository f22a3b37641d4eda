import { PLATFORM_TOKEN, TestApp } from './test-app';

export interface TestTenant {
  id: string;
  name: string;
  widgetKey: string;
  adminApiKey: string;
  handoffEntitled: boolean;
}

/** Creates a tenant through the platform API, as an operator would. */
export async function createTenant(
  testApp: TestApp,
  body: { name?: string; handoffEntitled?: boolean } = {},
): Promise<TestTenant> {
  const response = await testApp
    .http()
    .post('/v1/platform/tenants')
    .set('Authorization', `Bearer ${PLATFORM_TOKEN}`)
    .send({ name: body.name ?? 'Acme Inc', handoffEntitled: body.handoffEntitled ?? false })
    .expect(201);
  return response.body as TestTenant;
}

/** A tenant whose widget key only these sites may use (none: every site). */
export async function createTenantAllowing(testApp: TestApp, allowedOrigins: string[]): Promise<TestTenant> {
  const tenant = await createTenant(testApp);
  await testApp.http().patch('/v1/admin/widget/settings').set(asAdmin(tenant)).send({ allowedOrigins }).expect(200);
  return tenant;
}

export function asAdmin(tenant: TestTenant): Record<string, string> {
  return { Authorization: `Bearer ${tenant.adminApiKey}` };
}

export function asPlatform(): Record<string, string> {
  return { Authorization: `Bearer ${PLATFORM_TOKEN}` };
}
