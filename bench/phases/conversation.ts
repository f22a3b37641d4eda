import { Pool as HttpPool } from 'undici';
import { HANDOFF_MAX_DELAY_MS, PollSchedule } from '../../widget/src/reply-poller';
import { addFigure, BenchContext } from '../lib/context';
import { forEachConcurrent, openLoop } from '../lib/load';
import { seedConversations, SeededConversation } from '../lib/setup';
import { nowMs, sleep } from '../lib/stats';
import { awaitDeliveries, DELIVERY_TRANSCRIPT, handoffSender, measure, Measured, replayWebhooks } from './delivery';
import { VISITOR_MESSAGES } from './http';

const REPLY_BODY = JSON.stringify({ content: 'Hi, Dana from the support team here: the refund for order 48213 went out this morning.', authorName: 'Dana' });

/** How the widget polls in a run: the reference widget's schedule, or back to back (the service alone). */
type Polling = 'widget' | 'back_to_back';

const POLLING_LABEL: Record<Polling, string> = {
  widget: `the widget's schedule (at most every ${HANDOFF_MAX_DELAY_MS / 1000} s while a handoff is open)`,
  back_to_back: 'polls back to back from the POST on',
};

interface MessageItem {
  id: string;
  sequence: number;
  role: string;
}

/**
 * Issue 19: the conversation after the handoff, on the webhook tenant, each conversation with a
 * handoff open. An agent's reply until a widget poll returns it (polling as the reference widget
 * does, and back to back), and a visitor's message until its `handoff.message` webhook arrives;
 * both beside undici POSTing the same `handoff.message` bodies to the receiver at the same offsets.
 */
export async function conversationPhase(context: BenchContext): Promise<void> {
  const { options } = context;
  const count = Math.max(1, Math.round(options.lightRate * options.durationS));
  const open = await openHandoffs(context, 3 * count);
  const http = new HttpPool(context.api.url, { connections: 64, pipelining: 1 });
  try {
    for (const [index, polling] of (['widget', 'back_to_back'] as const).entries()) {
      const { service, baseline, polls, failures } = await repliesSeen(context, http, open.slice(index * count, (index + 1) * count), polling);
      const note = [`${polls} polls`, service.missing > 0 ? `${service.missing} not seen` : undefined, failures].filter(Boolean).join('; ');
      conversationFigures(context, `conversation.reply_${polling}`, `Agent reply (POST …/replies) until a widget poll returns it, ${POLLING_LABEL[polling]}`, service, baseline, note);
      context.details[`conversation_reply_${polling}`] = { service, baseline, polls };
    }
    const { service, baseline, failures } = await visitorMessagesDelivered(context, http, open.slice(2 * count));
    const note = [service.missing > 0 ? `${service.missing} not delivered` : undefined, failures].filter(Boolean).join('; ');
    conversationFigures(context, 'conversation.visitor_message', `Visitor message (201) until its handoff.message webhook arrives, ${options.lightRate}/s`, service, baseline, note);
    context.details.conversation_visitor_message = { service, baseline };
  } finally {
    await http.close();
  }
}

function conversationFigures(context: BenchContext, id: string, label: string, service: Measured, baseline: Measured, note: string): void {
  for (const p of ['p50', 'p99'] as const) {
    addFigure(context, {
      id: `${id}.${p}`,
      phase: 'conversation',
      label: `${label}: ${p} (undici POST baseline)`,
      unit: 'ms',
      value: service.latency[p],
      baseline: baseline.latency[p],
      betterIs: 'lower',
      note: note || undefined,
    });
  }
}

/** `count` conversations of the webhook tenant, each with a handoff whose `handoff.created` webhook has arrived. */
async function openHandoffs(context: BenchContext, count: number): Promise<SeededConversation[]> {
  const { pool, peers, tenants } = context;
  const conversations = await seedConversations(pool, tenants.webhook, count, DELIVERY_TRANSCRIPT);
  await peers.reset();
  const sender = handoffSender(context);
  try {
    await forEachConcurrent(conversations, 16, sender.send);
  } finally {
    await sender.close();
  }
  const failures = await awaitDeliveries(context, 'webhooks', [...sender.created.accepted.keys()]);
  if (sender.created.failed > 0 || failures) throw new Error(`conversation: opening the handoffs failed (${sender.created.failed} refused; ${failures ?? 'none failed'})`);
  return conversations;
}

function widgetHeaders(conversation: SeededConversation): Record<string, string> {
  return { 'X-Widget-Key': conversation.widgetKey, Authorization: `Bearer ${conversation.visitorToken}`, 'Content-Type': 'application/json' };
}

/** One widget read of what follows `after`, as the widget makes it. */
async function readAfter(http: HttpPool, conversation: SeededConversation, after: number): Promise<MessageItem[]> {
  const response = await http.request({ path: `/v1/widget/conversations/${conversation.id}/messages?after=${after}`, method: 'GET', headers: widgetHeaders(conversation) });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`a widget read answered ${response.statusCode}: ${text.slice(0, 200)}`);
  return (JSON.parse(text) as { items: MessageItem[] }).items;
}

/**
 * Polls the conversation until a read returns an agent message (each conversation gets one reply
 * in a run), waiting between polls as `polling` says; returns when that read's answer came, or
 * undefined at `deadline`.
 */
async function pollUntilAnswered(
  http: HttpPool,
  conversation: SeededConversation,
  polling: Polling,
  firstDelayMs: number,
  deadline: number,
  counted: { polls: number },
): Promise<number | undefined> {
  const schedule = new PollSchedule();
  schedule.setHandoffOpen(true);
  let after = DELIVERY_TRANSCRIPT;
  let delayMs = firstDelayMs;
  while (nowMs() + delayMs < deadline) {
    if (delayMs > 0) await sleep(delayMs);
    const items = await readAfter(http, conversation, after);
    counted.polls += 1;
    if (items.some((item) => item.role === 'agent')) return nowMs();
    after = items.at(-1)?.sequence ?? after;
    delayMs = polling === 'widget' ? schedule.afterPoll(Date.now(), { changed: items.length > 0, requests: 1 }) : 0;
  }
  return undefined;
}

/**
 * One agent reply on each conversation at the light rate, each until a widget poll returns it
 * (from when its POST was sent). With the widget's schedule every conversation is polled from the
 * start of the run, its first poll spread evenly over one interval so the replies find the
 * widgets at every point of their cycle; back to back, polling starts with the POST.
 */
async function repliesSeen(context: BenchContext, http: HttpPool, conversations: SeededConversation[], polling: Polling) {
  const { options, peers, tenants } = context;
  await peers.reset(true);
  const sentAt = new Map<string, number>();
  const seenAt: [string, number][] = [];
  const replyOf = new Map<string, string>();
  const counted = { polls: 0, failedPolls: 0, refusedReplies: 0 };
  const durationS = conversations.length / options.lightRate;
  const deadline = nowMs() + durationS * 1000 + 2 * HANDOFF_MAX_DELAY_MS + 10_000;
  const watch = (conversation: SeededConversation, firstDelayMs: number) =>
    pollUntilAnswered(http, conversation, polling, firstDelayMs, deadline, counted).then(
      (at) => {
        if (at !== undefined) seenAt.push([conversation.id, at]);
      },
      () => {
        counted.failedPolls += 1;
      },
    );
  const watching =
    polling === 'widget' ? conversations.map((conversation, index) => watch(conversation, (index / conversations.length) * HANDOFF_MAX_DELAY_MS)) : [];
  await openLoop(options.lightRate, durationS, async (index) => {
    const conversation = conversations[index];
    sentAt.set(conversation.id, nowMs());
    if (polling === 'back_to_back') watching.push(watch(conversation, 0));
    const response = await http.request({
      path: `/v1/admin/conversations/${conversation.id}/replies`,
      method: 'POST',
      headers: { Authorization: `Bearer ${tenants.webhook.adminApiKey}`, 'Content-Type': 'application/json' },
      body: REPLY_BODY,
    });
    const text = await response.body.text();
    if (response.statusCode === 201) replyOf.set((JSON.parse(text) as { message: { id: string } }).message.id, conversation.id);
    else counted.refusedReplies += 1;
  });
  await Promise.all(watching);
  const service = measure(sentAt, seenAt);
  // The baseline: each reply's handoff.message body, POSTed by undici when the reply was sent.
  const failures = await awaitDeliveries(context, 'webhooks', [...replyOf.keys()]);
  const releaseAt = new Map([...replyOf].map(([messageId, conversationId]) => [messageId, sentAt.get(conversationId) ?? 0]));
  const captured = (await peers.captured()).webhooks.filter(({ key }) => releaseAt.has(key));
  const baseline = await replayWebhooks(context, captured, releaseAt);
  const refused = [
    counted.refusedReplies > 0 ? `${counted.refusedReplies} replies refused` : undefined,
    counted.failedPolls > 0 ? `${counted.failedPolls} widget reads refused` : undefined,
  ];
  return { service, baseline, polls: counted.polls, failures: [...refused, failures].filter(Boolean).join('; ') || undefined };
}

/** A visitor message on each conversation at the light rate, from its 201 until its `handoff.message` webhook arrives. */
async function visitorMessagesDelivered(context: BenchContext, http: HttpPool, conversations: SeededConversation[]) {
  const { options, peers } = context;
  await peers.reset(true);
  const accepted = new Map<string, number>();
  await openLoop(options.lightRate, conversations.length / options.lightRate, async (index) => {
    const conversation = conversations[index];
    const response = await http.request({
      path: `/v1/widget/conversations/${conversation.id}/messages`,
      method: 'POST',
      headers: widgetHeaders(conversation),
      body: JSON.stringify({ content: VISITOR_MESSAGES[index % VISITOR_MESSAGES.length] }),
    });
    const text = await response.body.text();
    const at = nowMs();
    if (response.statusCode === 201) accepted.set((JSON.parse(text) as { message: { id: string } }).message.id, at);
  });
  const failures = await awaitDeliveries(context, 'webhooks', [...accepted.keys()]);
  const service = measure(accepted, (await peers.arrivals()).webhooks);
  const captured = (await peers.captured()).webhooks.filter(({ key }) => accepted.has(key));
  const baseline = await replayWebhooks(context, captured, accepted);
  return { service, baseline, failures };
}
