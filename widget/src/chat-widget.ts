import { Agent, ApiFailure, ConversationMode, HandoffRequest, Message, WidgetApi } from './api/client';
import { Composer } from './composer';
import { adoptStyles, h, icon, icons } from './dom';
import { HandoffDialog } from './handoff-dialog';
import { HandoffOffers } from './handoff-offers';
import { MessageLog } from './message-log';
import { PollOutcome, ReplyPoller } from './reply-poller';
import { css } from './styles';
import { failureText, texts } from './texts';
import { VisitorConversation } from './visitor-conversation';

/** The launcher button and the chat pane, rendered in a shadow root of their own. */
export class ChatWidget {
  private readonly offers = new HandoffOffers(
    (opener) => this.dialog.open(opener),
    () => this.composer.focus(),
  );
  private readonly dialog = new HandoffDialog(
    (request) => this.requestHandoff(request),
    () => this.composer.focus(),
  );
  private readonly log = new MessageLog(this.offers);
  private readonly composer = new Composer((content) => this.send(content));
  /** "Contact a human" at the bottom once the config says handoff is enabled. */
  private readonly handoffBar = this.offers.place('handoff-bar', false);
  private readonly subtitle = h('p', { class: 'subtitle' }, texts.subtitle);
  private readonly notice = h('p', { class: 'notice', role: 'alert', hidden: '' });
  private readonly closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': texts.close }, icon(icons.close));
  private readonly pane = this.buildPane();
  private readonly launcher = h('button', {
    type: 'button',
    class: 'launcher',
    'aria-controls': 'wilow-pane',
    'aria-expanded': 'false',
    'aria-label': texts.launcherOpen,
  });
  private readonly poller = new ReplyPoller(() => this.pollReplies());
  /** What the service's config says, once known; false when it cannot be read. */
  private handoffAvailable: Promise<boolean> = Promise.resolve(false);
  /** Who is talking, as the last read said (or "Contact a human" since). */
  private mode: ConversationMode = 'assistant';
  /** The agents announced since the handoff opened. */
  private readonly joined = new Set<string>();
  /**
   * Agents' messages read since the conversation was last with the assistant: "joined" goes before
   * the first one of its agent, even when a read brought the message before the mode caught up.
   */
  private readonly agentMessages: Message[] = [];

  constructor(
    private readonly api: WidgetApi,
    private readonly conversation: VisitorConversation,
  ) {}

  mount(parent: HTMLElement): void {
    // A custom element name: host-page rules for div, section… cannot hide or restyle the host.
    const host = document.createElement('wilow-widget');
    const root = host.attachShadow({ mode: 'open' });
    adoptStyles(root, css);
    root.append(h('div', { class: 'root' }, this.pane, this.launcher));
    parent.append(host);
    this.showLauncherAs('closed');
    this.launcher.addEventListener('click', () => (this.pane.hidden ? this.open() : this.close()));
    this.closeButton.addEventListener('click', () => this.close());
    this.pane.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    document.addEventListener('visibilitychange', () => this.syncPolling());
    this.handoffAvailable = this.loadHandoffAvailability();
    void this.showHandoffButtonIfEnabled();
  }

  private buildPane(): HTMLElement {
    const header = h(
      'header',
      { class: 'header' },
      h(
        'div',
        { class: 'header-text' },
        h('h2', { id: 'wilow-title', class: 'title' }, texts.title),
        this.subtitle,
      ),
      this.closeButton,
    );
    return h(
      'section',
      { id: 'wilow-pane', class: 'pane', 'aria-labelledby': 'wilow-title', hidden: '' },
      header,
      this.log.element,
      this.notice,
      this.composer.element,
      this.handoffBar,
      this.dialog.element,
    );
  }

  private open(): void {
    this.pane.hidden = false;
    this.showLauncherAs('open');
    this.composer.focus();
    this.syncPolling();
  }

  private close(): void {
    this.pane.hidden = true;
    this.showLauncherAs('closed');
    this.launcher.focus();
    this.syncPolling();
  }

  private showLauncherAs(state: 'open' | 'closed'): void {
    this.launcher.setAttribute('aria-expanded', String(state === 'open'));
    this.launcher.setAttribute('aria-label', state === 'open' ? texts.launcherClose : texts.launcherOpen);
    this.launcher.replaceChildren(icon(state === 'open' ? icons.close : icons.chat));
  }

  /** Replies are fetched only while someone can see them. */
  private syncPolling(): void {
    if (!this.pane.hidden && document.visibilityState === 'visible') this.poller.start();
    else this.poller.stop();
  }

  private async loadHandoffAvailability(): Promise<boolean> {
    try {
      return (await this.api.config()).handoff.enabled;
    } catch {
      // Config unreachable: no button and no offer under assistant messages; chatting works, and
      // an escalation offer still appears when the service makes one.
      return false;
    }
  }

  /** No button at all unless the service says handoff is enabled (an inline offer still can be). */
  private async showHandoffButtonIfEnabled(): Promise<void> {
    if (await this.handoffAvailable) this.offers.offer(this.handoffBar);
  }

  private async send(content: string): Promise<boolean> {
    try {
      const posted = await this.conversation.send(content);
      this.log.addMessages([posted.message]);
      if (posted.escalation.offerHandoff) this.log.addHandoffOffer();
      this.showNotice(undefined);
      this.poller.hurry();
      return true;
    } catch (error) {
      this.showNotice(failureText(error));
      return false;
    }
  }

  private async requestHandoff(request: HandoffRequest): Promise<void> {
    await this.conversation.requestHandoff(request);
    this.log.addConfirmation(texts.handoffConfirmed);
    // The team has the conversation; when the handoff was open already, a person may be answering.
    if (this.mode === 'assistant') this.showWhoIsTalking('waiting', null, []);
    this.poller.hurry();
  }

  private async pollReplies(): Promise<PollOutcome> {
    try {
      const [read, handoffAvailable] = await Promise.all([this.conversation.readNew(), this.handoffAvailable]);
      if (!read) return { changed: false, requests: 0 };
      const changed = this.log.addMessages(read.messages, handoffAvailable);
      this.showWhoIsTalking(read.mode, read.agent, read.messages);
      return { changed, requests: read.requests };
    } catch (error) {
      return { changed: false, requests: 1, retryAfterMs: error instanceof ApiFailure ? error.retryAfterMs : undefined };
    }
  }

  /**
   * While a handoff is open the team has the conversation: no more "Contact a human", faster polls.
   * When a person answers, "<name> joined the conversation" appears just before their first message.
   */
  private showWhoIsTalking(mode: ConversationMode, agent: Agent | null, messages: Message[]): void {
    const name = agent?.name ?? texts.teamMember;
    this.agentMessages.push(...messages.filter((message) => message.role === 'agent'));
    if (mode === 'agent') this.announceJoined(name);
    if (mode === 'assistant') {
      this.joined.clear();
      this.agentMessages.length = 0;
    }
    this.offers.showHandoffOpen(mode !== 'assistant');
    this.poller.setHandoffOpen(mode !== 'assistant');
    this.subtitle.textContent = mode === 'agent' ? texts.subtitleWithAgent(name) : texts.subtitle;
    this.mode = mode;
  }

  /** Once per person and handoff. */
  private announceJoined(name: string): void {
    if (this.joined.has(name)) return;
    this.joined.add(name);
    this.log.addJoined(name, this.agentMessages.find((message) => message.author?.name === name));
  }

  private showNotice(message: string | undefined): void {
    this.notice.textContent = message ?? '';
    this.notice.hidden = message === undefined;
  }
}
