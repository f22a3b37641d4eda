import { PLATFORM_TOKEN } from '../../support/test-app';

export interface DrillTenant {
  id: string;
  name: string;
  widgetKey: string;
  adminApiKey: string;
}

export interface HandoffAnswer {
  /** HTTP status, or 0 when the request got no response (connection reset, refused). */
  status: number;
  body: Record<string, unknown> | null;
  handoffId?: string;
  /** When the answer arrived (ms since the epoch) and how long the request took. */
  at: number;
  tookMs: number;
  error?: string;
}

export interface DeliveryView {
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  attemptLog?: { outcome: string; error: string | null }[];
}

export interface ErasureView {
  status: string;
  conversations: number;
  destinations: { channel: string; outcome: string; note: string | null }[];
}

async function call(url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<{ status: number; body: unknown }> {
  const headers = init.body ? { 'Content-Type': 'application/json', ...init.headers } : init.headers;
  const response = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(15_000) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

async function expectStatus<T>(url: string, init: RequestInit & { headers?: Record<string, string> }, status: number): Promise<T> {
  const response = await call(url, init);
  if (response.status !== status) {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body as T;
}

/** The service's HTTP API as the drills drive it: platform, admin and widget calls. */
export class DrillApi {
  constructor(readonly baseUrl: string) {}

  /** A tenant with handoff entitled and enabled, delivering to the given channels (and a webhook secret). */
  async tenantWith(name: string, channels: { email?: string; webhookUrl?: string }): Promise<DrillTenant> {
    const tenant = await expectStatus<DrillTenant>(
      `${this.baseUrl}/v1/platform/tenants`,
      { method: 'POST', headers: { Authorization: `Bearer ${PLATFORM_TOKEN}` }, body: JSON.stringify({ name, handoffEntitled: true }) },
      201,
    );
    const admin = { Authorization: `Bearer ${tenant.adminApiKey}` };
    await expectStatus(
      `${this.baseUrl}/v1/admin/handoff/settings`,
      { method: 'PATCH', headers: admin, body: JSON.stringify({ enabled: true, email: channels.email ?? null, webhookUrl: channels.webhookUrl ?? null }) },
      200,
    );
    if (channels.webhookUrl) await expectStatus(`${this.baseUrl}/v1/admin/handoff/webhook-secret`, { method: 'POST', headers: admin }, 201);
    return tenant;
  }

  /** Opens a conversation and asks for a person, as the widget does (the transcript's content is beside the point). */
  async handoff(tenant: DrillTenant, baseUrl = this.baseUrl): Promise<HandoffAnswer> {
    const started = Date.now();
    const answer = (status: number, body: Record<string, unknown> | null, error?: string): HandoffAnswer => {
      const at = Date.now();
      const handoffId = status === 202 && typeof body?.handoffId === 'string' ? body.handoffId : undefined;
      return { status, body, handoffId, at, tookMs: at - started, error };
    };
    try {
      const widget = { 'X-Widget-Key': tenant.widgetKey };
      const opened = await call(`${baseUrl}/v1/widget/conversations`, { method: 'POST', headers: widget });
      if (opened.status !== 201) return answer(opened.status, opened.body as Record<string, unknown>, 'conversation not opened');
      const { conversationId, visitorToken } = opened.body as { conversationId: string; visitorToken: string };
      const visitor = { ...widget, Authorization: `Bearer ${visitorToken}` };
      const path = `${baseUrl}/v1/widget/conversations/${conversationId}`;
      const handoff = await call(`${path}/handoff`, {
        method: 'POST',
        headers: visitor,
        body: JSON.stringify({ visitorEmail: 'visitor@example.com', reason: 'Drill' }),
      });
      return answer(handoff.status, handoff.body as Record<string, unknown>);
    } catch (error) {
      return answer(0, null, describe(error));
    }
  }

  /** Erases every conversation of the visitor's email; the erasure's id. */
  async eraseVisitor(tenant: DrillTenant, visitorEmail: string): Promise<string> {
    const started = await expectStatus<{ erasureId: string }>(
      `${this.baseUrl}/v1/admin/erasures`,
      { method: 'POST', headers: { Authorization: `Bearer ${tenant.adminApiKey}` }, body: JSON.stringify({ visitorEmail }) },
      202,
    );
    return started.erasureId;
  }

  /** An erasure with its destinations' outcomes, as the tenant's admin sees it. */
  erasure(tenant: DrillTenant, erasureId: string): Promise<ErasureView> {
    return expectStatus<ErasureView>(`${this.baseUrl}/v1/admin/erasures/${erasureId}`, { headers: { Authorization: `Bearer ${tenant.adminApiKey}` } }, 200);
  }

  /** The deliveries of a handoff with every attempt, as the tenant's admin sees them. */
  async deliveries(tenant: DrillTenant, handoffId: string): Promise<DeliveryView[]> {
    const view = await expectStatus<{ deliveries: DeliveryView[] }>(
      `${this.baseUrl}/v1/admin/handoffs/${handoffId}`,
      { headers: { Authorization: `Bearer ${tenant.adminApiKey}` } },
      200,
    );
    return view.deliveries;
  }
}

function describe(error: unknown): string {
  const { message, cause } = error as { message?: string; cause?: { code?: string; message?: string } };
  return [message, cause?.code ?? cause?.message].filter(Boolean).join(': ');
}

/** Runs `task` over `items` with at most `concurrency` at once; results in the items' order. */
export async function inPool<T, R>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  });
  await Promise.all(runners);
  return results;
}
