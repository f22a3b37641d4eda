import { ReceiverResponse } from '../../src/channels/testing/https-receiver';
import { basicAuth, FakeVendor, idAfter, json, startFakeVendor, VendorRequest } from './fake-vendor';

/*
 * Zendesk's Support API as documented for what the service uses:
 * Tickets (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/): create with
 * `Idempotency-Key`, show, update with a comment (a closed ticket refuses it with 422
 * RecordInvalid), list by `external_id`, delete (204), delete permanently (200 with a job status);
 * Ticket Comments (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/):
 * list. Basic auth `{email}/token:{api_token}`; 401 otherwise. Rate limits answer 429 with
 * `Retry-After` (https://developer.zendesk.com/api-reference/introduction/rate-limits/).
 */

export interface ZendeskComment {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  public: boolean;
  created_at: string;
}

export interface ZendeskTicket {
  id: number;
  subject: string;
  status: 'new' | 'open' | 'pending' | 'solved' | 'closed';
  requester_id: number;
  external_id: string | null;
  via_followup_source_id: number | null;
  tags: string[];
  comments: ZendeskComment[];
  /** Soft-deleted: gone from the API, restorable until deleted permanently. */
  deleted: boolean;
}

export interface FakeZendesk extends FakeVendor {
  tickets: Map<number, ZendeskTicket>;
  /** The ids of the tickets deleted permanently. */
  purged: number[];
  /** The agent whose token the service uses, the author of its private notes. */
  agentId: number;
  ticketByExternalId(externalId: string): ZendeskTicket[];
}

export const ZENDESK_CLOSED_REFUSAL = {
  error: 'RecordInvalid',
  description: 'Record validation errors',
  details: { status: [{ description: 'Status: closed prevents ticket update' }] },
};

export const zendeskRateLimited = (retryAfterSeconds = 1): ReceiverResponse =>
  json(429, { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' }, { 'Retry-After': String(retryAfterSeconds) });

const NOT_FOUND = { error: 'RecordNotFound', description: 'Not found' };

export async function startFakeZendesk(credentials: { agentEmail: string; apiToken: string }): Promise<FakeZendesk> {
  const tickets = new Map<number, ZendeskTicket>();
  const users = new Map<string, number>();
  const replays = new Map<string, ReceiverResponse>();
  const agentId = 900;
  let nextId = 1000;

  const live = (request: VendorRequest): ZendeskTicket | undefined => {
    const ticket = tickets.get(idAfter(request.pathname, 'tickets'));
    return ticket && !ticket.deleted ? ticket : undefined;
  };
  const addComment = (ticket: ZendeskTicket, comment: Record<string, unknown>): ZendeskComment => {
    const body = typeof comment.body === 'string' ? comment.body : String(comment.html_body ?? '');
    const made: ZendeskComment = {
      id: nextId++,
      type: 'Comment',
      author_id: typeof comment.author_id === 'number' ? comment.author_id : agentId,
      body,
      html_body: typeof comment.html_body === 'string' ? comment.html_body : `<p>${body}</p>`,
      public: comment.public !== false,
      created_at: new Date().toISOString(),
    };
    ticket.comments.push(made);
    return made;
  };
  const view = ({ comments: _comments, deleted: _deleted, ...ticket }: ZendeskTicket) => ({ ...ticket, url: `https://acme.zendesk.com/api/v2/tickets/${ticket.id}.json` });
  const audited = (status: number, ticket: ZendeskTicket, comment: ZendeskComment) =>
    json(status, { ticket: view(ticket), audit: { id: nextId++, ticket_id: ticket.id, author_id: comment.author_id, events: [{ ...comment }] } });

  const create = (request: VendorRequest): ReceiverResponse => {
    const key = String(request.headers['idempotency-key'] ?? '');
    const replay = key === '' ? undefined : replays.get(key);
    if (replay) return replay;
    const input = (request.json?.ticket ?? {}) as Record<string, unknown>;
    const source = input.via_followup_source_id as number | undefined;
    if (source !== undefined && tickets.get(source)?.status !== 'closed') {
      return json(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { via_followup_source_id: [{ description: 'is not a closed ticket' }] } });
    }
    const requester = input.requester as { email?: string } | undefined;
    // Without a requester, the ticket's requester is the authenticated agent.
    const requesterId = typeof input.requester_id === 'number' ? input.requester_id : requester?.email ? userId(requester.email) : agentId;
    const ticket: ZendeskTicket = {
      id: nextId++,
      subject: String(input.subject ?? ''),
      status: 'new',
      requester_id: requesterId,
      external_id: typeof input.external_id === 'string' ? input.external_id : null,
      via_followup_source_id: source ?? null,
      tags: (input.tags as string[] | undefined) ?? [],
      comments: [],
      deleted: false,
    };
    tickets.set(ticket.id, ticket);
    const comment = addComment(ticket, (input.comment ?? {}) as Record<string, unknown>);
    const answer = audited(201, ticket, comment);
    answer.headers = { ...answer.headers, Location: `https://acme.zendesk.com/api/v2/tickets/${ticket.id}.json` };
    if (key !== '') replays.set(key, answer);
    return answer;
  };
  const userId = (email: string): number => {
    if (!users.has(email.toLowerCase())) users.set(email.toLowerCase(), nextId++);
    return users.get(email.toLowerCase()) as number;
  };

  const zendesk = (await startFakeVendor(
    [
      ['POST', /^\/api\/v2\/tickets(\.json)?$/, create],
      ['GET', /^\/api\/v2\/tickets(\.json)?$/, (request) => {
        const externalId = request.query.get('external_id');
        const listed = [...tickets.values()].filter((ticket) => !ticket.deleted && (externalId === null || ticket.external_id === externalId));
        return json(200, { tickets: listed.map(view), next_page: null, previous_page: null, count: listed.length });
      }],
      ['GET', /^\/api\/v2\/tickets\/\d+(\.json)?$/, (request) => {
        const ticket = live(request);
        return ticket ? json(200, { ticket: view(ticket) }) : json(404, NOT_FOUND);
      }],
      ['PUT', /^\/api\/v2\/tickets\/\d+(\.json)?$/, (request) => {
        const ticket = live(request);
        if (!ticket) return json(404, NOT_FOUND);
        if (ticket.status === 'closed') return json(422, ZENDESK_CLOSED_REFUSAL);
        const comment = addComment(ticket, ((request.json?.ticket as Record<string, unknown> | undefined)?.comment ?? {}) as Record<string, unknown>);
        if (ticket.status === 'new') ticket.status = 'open';
        return audited(200, ticket, comment);
      }],
      ['GET', /^\/api\/v2\/tickets\/\d+\/comments(\.json)?$/, (request) => {
        const ticket = live(request);
        if (!ticket) return json(404, NOT_FOUND);
        const comments = request.query.get('sort_order') === 'desc' ? [...ticket.comments].reverse() : ticket.comments;
        return json(200, { comments, next_page: null, previous_page: null, count: comments.length });
      }],
      ['DELETE', /^\/api\/v2\/tickets\/\d+(\.json)?$/, (request) => {
        const ticket = live(request);
        if (!ticket) return json(404, NOT_FOUND);
        ticket.deleted = true;
        return { status: 204 };
      }],
      ['DELETE', /^\/api\/v2\/deleted_tickets\/\d+(\.json)?$/, (request) => {
        const id = idAfter(request.pathname, 'deleted_tickets');
        if (!tickets.get(id)?.deleted) return json(404, NOT_FOUND);
        tickets.delete(id);
        zendesk.purged.push(id);
        return json(200, { job_status: { id: `job-${id}`, status: 'queued', url: `https://acme.zendesk.com/api/v2/job_statuses/job-${id}.json` } });
      }],
    ],
    (request) => request.headers.authorization === basicAuth(`${credentials.agentEmail}/token`, credentials.apiToken),
    json(401, { error: "Couldn't authenticate you" }),
  )) as FakeZendesk;
  zendesk.tickets = tickets;
  zendesk.purged = [];
  zendesk.agentId = agentId;
  zendesk.ticketByExternalId = (externalId) => [...tickets.values()].filter((ticket) => ticket.external_id === externalId);
  return zendesk;
}
