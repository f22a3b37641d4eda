import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiClient, ApiProblem, type ConversationDetail, type Handoff, type Message, messageOf, unwrap } from '../api/client';
import { useSignedIn } from '../signed-in';
import { lastSequence, withLaterMessages } from '../transcript';

/** Every handoff of one conversation fits on the page: a visitor asks again only after a resolve. */
const HANDOFFS_SHOWN = 100;
/** While the page is open and visible, what the visitor (or a helpdesk) adds shows within this. */
const REFRESH_MS = 5_000;

export interface LiveConversation {
  conversation?: ConversationDetail;
  handoffs?: Handoff[];
  problem: string;
  /** Shows a message recorded from this page at once, then reads the mode it brought. */
  addSent: (message: Message) => void;
  /** Reads what changed now (after a resolve or a reopen). */
  refresh: () => void;
}

/**
 * One conversation, its transcript kept up to date: read page by page when the page opens, then
 * only what was added since, every few seconds while the page is visible. Its handoffs are read
 * again whenever the mode changes (an answer, a resolve, a reopen).
 */
export function useLiveConversation(id: string): LiveConversation {
  const { api } = useSignedIn();
  const [conversation, setConversation] = useState<ConversationDetail | undefined>();
  const [handoffs, setHandoffs] = useState<Handoff[] | undefined>();
  const [problem, setProblem] = useState('');
  /** The conversation shown, for reads that end after the page changed it. */
  const shown = useRef<ConversationDetail | undefined>(undefined);
  const refreshing = useRef(false);
  /** Asked for while a read was under way, which may have started before the change. */
  const refreshAgain = useRef(false);

  const show = (next: ConversationDetail | undefined) => {
    shown.current = next;
    setConversation(next);
  };
  const loadHandoffs = async () => {
    const list = await unwrap(api.GET('/v1/admin/handoffs', { params: { query: { conversationId: id, limit: HANDOFFS_SHOWN } } }));
    setHandoffs(list.items);
  };

  const refresh = async () => {
    const before = shown.current;
    if (!before) return;
    if (refreshing.current) {
      refreshAgain.current = true;
      return;
    }
    refreshing.current = true;
    try {
      const later = await readConversation(api, id, lastSequence(before));
      // Another conversation was opened meanwhile: this read is of no use.
      if (shown.current?.id !== later.id) return;
      show(withLaterMessages(shown.current, later));
      if (later.mode !== before.mode) await loadHandoffs();
    } finally {
      refreshing.current = false;
    }
    if (refreshAgain.current) {
      refreshAgain.current = false;
      await refresh();
    }
  };
  // A failed refresh changes nothing on the page: the next one reads from the same place.
  const refreshQuietly = () => void refresh().catch(() => undefined);

  useEffect(() => {
    show(undefined);
    setHandoffs(undefined);
    setProblem('');
    if (!id) {
      setProblem('This link names no conversation.');
      return undefined;
    }
    Promise.all([readConversation(api, id), loadHandoffs()]).then(
      ([read]) => show(read),
      (error: unknown) => setProblem(conversationProblem(error)),
    );
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refreshQuietly();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [id]);

  const addSent = (message: Message) => {
    if (shown.current) show({ ...shown.current, messages: [...shown.current.messages, message], messageCount: shown.current.messageCount + 1 });
    refreshQuietly();
  };

  return { conversation, handoffs, problem, addSent, refresh: refreshQuietly };
}

/**
 * The conversation with every message after `after`, page after page until `nextAfter` is null
 * (each read answers at most 100; a conversation holds at most 1,000), and its mode as of the last.
 */
async function readConversation(api: ApiClient, id: string, after = 0): Promise<ConversationDetail> {
  const read = (from: number) => unwrap(api.GET('/v1/admin/conversations/{id}', { params: { path: { id }, query: { after: from } } }));
  let page = await read(after);
  const messages = [...page.messages];
  while (page.nextAfter !== null) {
    page = await read(page.nextAfter);
    messages.push(...page.messages);
  }
  return { ...page, messages, nextAfter: null };
}

function conversationProblem(error: unknown): string {
  if (error instanceof ApiProblem && (error.status === 404 || error.status === 400)) {
    return 'There is no such conversation in this workspace.';
  }
  return messageOf(error);
}
