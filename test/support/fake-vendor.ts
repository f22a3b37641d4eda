import { HttpsReceiver, ReceivedRequest, ReceiverResponse, startHttpsReceiver } from '../../src/channels/testing/https-receiver';

/** A route's answer: what the vendor documents for it. */
export type VendorHandler = (request: VendorRequest) => ReceiverResponse;

export interface VendorRequest extends ReceivedRequest {
  /** The path without its query. */
  pathname: string;
  query: URLSearchParams;
  /** The JSON body, parsed; undefined when there is none. */
  json: Record<string, unknown> | undefined;
}

/** What every fake vendor offers tests besides its documented behaviour. */
export interface FakeVendor {
  server: HttpsReceiver;
  /** `https://localhost:<port>`, for the `*_API_BASE_URL` variables. */
  baseUrl: string;
  /** Answered in order, one per authenticated request that changes something (not a GET), instead of the documented behaviour. */
  faults: ReceiverResponse[];
  /** Reads (GETs) answered instead, once each, by the first whose path the request's path starts with. */
  readFaults: { path: string; response: ReceiverResponse }[];
  /**
   * The next this-many requests that change something are applied, then never answered: the
   * client times out not knowing that they were.
   */
  applyThenHang: number;
  /** Requests received, by `METHOD /path` (query left out), in order. */
  calls(): string[];
  close(): Promise<void>;
}

const HANG = new Promise<never>(() => undefined);

/**
 * An HTTPS server answering like a vendor API: it checks the credentials first (`unauthorized`
 * when wrong), then routes `METHOD /path` (query left out) to the handlers, matched in order.
 */
export async function startFakeVendor(
  routes: [method: string, path: RegExp, handler: VendorHandler][],
  authorized: (request: ReceivedRequest) => boolean,
  unauthorized: ReceiverResponse,
): Promise<FakeVendor> {
  const vendor = { faults: [] as ReceiverResponse[], readFaults: [] as FakeVendor['readFaults'], applyThenHang: 0 } as FakeVendor;
  vendor.server = await startHttpsReceiver({
    respond: (received) => {
      if (!authorized(received)) return unauthorized;
      const fault = received.method === 'GET' ? takeReadFault(vendor, received.path) : vendor.faults.shift();
      if (fault) return fault;
      const url = new URL(received.path, 'https://vendor.invalid');
      const request: VendorRequest = { ...received, pathname: url.pathname, query: url.searchParams, json: parseJson(received.body) };
      const route = routes.find(([method, path]) => method === received.method && path.test(url.pathname));
      if (!route) return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
      const answer = route[2](request);
      if (received.method !== 'GET' && vendor.applyThenHang > 0) {
        vendor.applyThenHang -= 1;
        return HANG;
      }
      return answer;
    },
  });
  vendor.baseUrl = `https://localhost:${vendor.server.port}`;
  vendor.calls = () => vendor.server.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`);
  vendor.close = () => vendor.server.close();
  return vendor;
}

function takeReadFault(vendor: FakeVendor, path: string): ReceiverResponse | undefined {
  const index = vendor.readFaults.findIndex((fault) => path.startsWith(fault.path));
  return index === -1 ? undefined : vendor.readFaults.splice(index, 1)[0].response;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ReceiverResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The numeric id in a path such as `/api/v2/tickets/42/comments.json`, after `segment`. */
export function idAfter(pathname: string, segment: string): number {
  return Number(new RegExp(`/${segment}/(\\d+)`).exec(pathname)?.[1]);
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
