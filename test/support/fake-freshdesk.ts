import { ReceiverResponse } from '../../src/channels/testing/https-receiver';
import { basicAuth, FakeVendor, idAfter, json, startFakeVendor, VendorRequest } from './fake-vendor';

/*
 * Freshdesk's API v2 as documented for what the service uses (https://developers.freshdesk.com/api/):
 * create a ticket (201), add a note (201, `private`), list a ticket's conversations (200, an
 * array), delete a ticket (204; it goes to the trash). Basic auth `{api_key}:X`; 401 otherwise.
 * Errors are `{ description, errors: [{ field, message, code }] }`; rate limits answer 429 with
 * `Retry-After`.
 */

export interface FreshdeskNote {
  id: number;
  body: string;
  body_text: string;
  private: boolean;
  incoming: boolean;
  ticket_id: number;
  user_id: number;
  created_at: string;
}

export interface FreshdeskTicket {
  id: number;
  email: string;
  subject: string;
  description: string;
  status: number;
  notes: FreshdeskNote[];
  /** In the trash: deleted through the API, still restorable in Freshdesk. */
  deleted: boolean;
}

export interface FakeFreshdesk extends FakeVendor {
  tickets: Map<number, FreshdeskTicket>;
}

export const freshdeskRateLimited = (retryAfterSeconds = 1): ReceiverResponse =>
  json(429, { message: 'You have exceeded the limit of requests per minute' }, { 'Retry-After': String(retryAfterSeconds) });

export const freshdeskInvalid = (field: string, message: string): ReceiverResponse =>
  json(400, { description: 'Validation failed', errors: [{ field, message, code: 'invalid_value' }] });

const AGENT_ID = 77;

export async function startFakeFreshdesk(apiKey: string): Promise<FakeFreshdesk> {
  const tickets = new Map<number, FreshdeskTicket>();
  let nextId = 5000;
  const live = (request: VendorRequest) => {
    const ticket = tickets.get(idAfter(request.pathname, 'tickets'));
    return ticket && !ticket.deleted ? ticket : undefined;
  };
  const notFound = { status: 404, headers: {}, body: '' };
  const freshdesk = (await startFakeVendor(
    [
      ['POST', /^\/api\/v2\/tickets$/, (request) => {
        const input = request.json ?? {};
        const ticket: FreshdeskTicket = {
          id: nextId++,
          email: String(input.email),
          subject: String(input.subject),
          description: String(input.description),
          status: Number(input.status),
          notes: [],
          deleted: false,
        };
        tickets.set(ticket.id, ticket);
        const { id, email, subject, description, status } = ticket;
        return json(201, { id, email, subject, description, status, requester_id: 42, created_at: new Date().toISOString() });
      }],
      ['POST', /^\/api\/v2\/tickets\/\d+\/notes$/, (request) => {
        const ticket = live(request);
        if (!ticket) return notFound;
        const body = request.json?.body;
        if (typeof body !== 'string' || body === '') return json(400, { description: 'Validation failed', errors: [{ field: 'body', message: 'It should not be blank as this is a mandatory field', code: 'invalid_value' }] });
        const note: FreshdeskNote = {
          id: nextId++,
          body,
          body_text: body.replace(/<br>/g, '\n').replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
          private: request.json?.private !== false,
          incoming: false,
          ticket_id: ticket.id,
          user_id: AGENT_ID,
          created_at: new Date().toISOString(),
        };
        ticket.notes.push(note);
        return json(201, note);
      }],
      ['GET', /^\/api\/v2\/tickets\/\d+\/conversations$/, (request) => {
        const ticket = live(request);
        return ticket ? json(200, ticket.notes) : notFound;
      }],
      ['DELETE', /^\/api\/v2\/tickets\/\d+$/, (request) => {
        const ticket = live(request);
        if (!ticket) return notFound;
        ticket.deleted = true;
        return { status: 204 };
      }],
    ],
    (request) => request.headers.authorization === basicAuth(apiKey, 'X'),
    json(401, { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' }),
  )) as FakeFreshdesk;
  freshdesk.tickets = tickets;
  return freshdesk;
}
