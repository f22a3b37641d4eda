import { Static, TSchema, Type } from '@sinclair/typebox';
import { ChannelEvent } from '../delivery-channel';

/*
 * The bodies the webhook sends, defined once as JSON Schemas (TypeBox): the serialisers build
 * values of the TypeScript types derived from them, and the event catalogue publishes the same
 * schemas. Property order is the documented order of each body. Receivers should accept
 * properties they do not know: fields are only ever added.
 */

const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) => Type.Union([schema, Type.Null()], options);
const Id = Type.String({ format: 'uuid' });
const Moment = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' });

/** Who wrote a message. */
const Role = Type.Union([Type.Literal('user'), Type.Literal('assistant'), Type.Literal('agent')], {
  description: '`user` (the visitor), `assistant` (the Wilow assistant) or `agent` (a person of your team).',
});

const MessageFields = {
  role: Role,
  content: Type.String(),
  createdAt: Moment,
  author: Nullable(Type.Object({ name: Type.String() }), { description: "The agent's name, on agent messages; else null." }),
  source: Nullable(Type.String(), { description: 'Where an agent message was written (`admin`, `zendesk`, `freshdesk`, `slack`); else null.' }),
};

const TranscriptMessage = Type.Object(MessageFields);

/** What every event says of its handoff. */
const HandoffFields = {
  tenantId: Id,
  conversationId: Id,
  handoffId: Type.String({ format: 'uuid', description: 'The same on every delivery of the handoff, on every channel: deduplicate on it.' }),
};

const AdminConversationUrl = Type.String({ format: 'uri', description: 'The admin console page of the whole conversation.' });

export const HandoffCreatedEvent = Type.Object(
  {
    event: Type.Literal('handoff.created'),
    ...HandoffFields,
    visitorEmail: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    transcript: Type.Array(TranscriptMessage, { description: 'The conversation up to the handoff, oldest first (the newest messages that fit WEBHOOK_MAX_BODY_BYTES).' }),
    transcriptTruncated: Type.Optional(Type.Literal(true, { description: 'Present when older messages were left out to fit the body limit.' })),
    transcriptTotal: Type.Optional(Type.Integer({ minimum: 0, description: 'With `transcriptTruncated`: how many messages the conversation had.' })),
    adminConversationUrl: AdminConversationUrl,
    test: Type.Optional(Type.Literal(true, { description: "Present on the settings page's Test deliveries only." })),
  },
  { title: 'handoff.created' },
);

export const HandoffMessageEvent = Type.Object(
  {
    event: Type.Literal('handoff.message'),
    ...HandoffFields,
    message: Type.Object({
      id: Id,
      sequence: Type.Integer({ minimum: 1, description: 'Its place in the conversation: order by it.' }),
      ...MessageFields,
    }),
    adminConversationUrl: AdminConversationUrl,
  },
  { title: 'handoff.message' },
);

export const HandoffResolvedEvent = Type.Object(
  {
    event: Type.Literal('handoff.resolved'),
    ...HandoffFields,
    resolvedAt: Moment,
  },
  { title: 'handoff.resolved' },
);

export const HandoffErasedEvent = Type.Object(
  {
    event: Type.Literal('handoff.erased'),
    ...HandoffFields,
    erasedAt: Moment,
  },
  { title: 'handoff.erased' },
);

export type HandoffCreatedBody = Static<typeof HandoffCreatedEvent>;
export type HandoffMessageBody = Static<typeof HandoffMessageEvent>;
export type HandoffResolvedBody = Static<typeof HandoffResolvedEvent>;
export type HandoffErasedBody = Static<typeof HandoffErasedEvent>;
export type TranscriptMessageBody = Static<typeof TranscriptMessage>;

/** Every event the webhook sends, in the order of a handoff's life, for the catalogue and the `events` setting. */
export const WEBHOOK_EVENT_CATALOGUE: readonly ChannelEvent[] = [
  {
    name: 'handoff.created',
    topic: 'handoff',
    description: 'A visitor asked for a person: the handoff with its transcript. Every webhook receives it.',
    schema: HandoffCreatedEvent,
  },
  {
    name: 'handoff.message',
    topic: 'follow_up',
    description: 'A message added to the conversation while the handoff is open (the visitor, the assistant, or an agent elsewhere), one per message.',
    schema: HandoffMessageEvent,
  },
  { name: 'handoff.resolved', topic: 'resolved', description: 'The handoff was resolved; it arrives after its messages.', schema: HandoffResolvedEvent },
  {
    name: 'handoff.erased',
    topic: 'erased',
    description: "The conversation was erased (data protection): delete what you keep of it. Its messages and the visitor's details are gone from Wilow.",
    schema: HandoffErasedEvent,
  },
];

/** The event every webhook receives: without it a webhook would hear of no handoff. */
export const REQUIRED_EVENT = 'handoff.created';

export const WEBHOOK_EVENT_NAMES = WEBHOOK_EVENT_CATALOGUE.map((event) => event.name);
