import { ChannelFailingPayload, FollowUpMessage, FollowUpPayload, HandoffPayload, HandoffReference, TranscriptEntry, VisitorEmailPayload } from '../delivery-channel';
import { formatUtc, singleLine, speakerOf } from '../transcript-format';
import { isTruncated } from '../transcript-fit';
import { EmailParts, EmailTemplate } from './email-templates';

export interface RenderedEmail extends EmailParts {
  subject: string;
}

/** A labelled value of the handoff ("Account", "Requested", ...). */
interface DetailView {
  label: string;
  value: string;
}

interface MessageView {
  speaker: string;
  time: string;
  content: string;
}

/** What the handoff email's templates see. */
interface HandoffEmailView {
  title: string;
  details: DetailView[];
  transcript: MessageView[];
  /** Set when older messages were left out to bound the email's size. */
  truncation: { shown: number; total: number } | null;
  adminConversationUrl: string;
  test: boolean;
}

/** What the follow-up email's templates see. */
interface FollowUpEmailView {
  title: string;
  details: DetailView[];
  messages: MessageView[];
  adminConversationUrl: string;
}

/** What the visitor's email's templates see. */
interface VisitorEmailView {
  title: string;
  tenantName: string;
  messages: MessageView[];
  /** Whether a reply reaches the team (the tenant has a handoff address). */
  canReply: boolean;
}

/** What the failing channel notice's templates see. */
interface ChannelFailingView {
  title: string;
  tenantName: string;
  channelName: string;
  since: string;
  consecutiveFailures: number;
  lastError: string;
  settingsUrl: string;
}

/** The emails the service sends: to the team (the handoff, then its follow-ups, a failing channel) and to the visitor. */
export class EmailRenderer {
  private readonly handoffTemplate = new EmailTemplate<HandoffEmailView>('handoff');
  private readonly channelFailingTemplate = new EmailTemplate<ChannelFailingView>('channel-failing');
  private readonly followUpTemplate = new EmailTemplate<FollowUpEmailView>('follow-up');
  private readonly visitorTemplate = new EmailTemplate<VisitorEmailView>('visitor');

  handoff(payload: HandoffPayload): RenderedEmail {
    const subject = handoffSubject(payload.tenantName, payload.test);
    const parts = this.handoffTemplate.render({
      title: `Handoff from ${payload.tenantName}`,
      details: [...handoffDetails(payload), ...(payload.reason ? [{ label: 'Reason', value: payload.reason }] : [])],
      transcript: payload.transcript.map((entry) => messageView(entry, speakerOf(entry))),
      truncation: isTruncated(payload) ? { shown: payload.transcript.length, total: payload.transcriptTotal } : null,
      adminConversationUrl: payload.adminConversationUrl,
      test: payload.test,
    });
    return { subject, ...parts };
  }

  /** Threaded under the handoff email: its subject with `Re: `. */
  followUp({ handoff, messages }: FollowUpPayload): RenderedEmail {
    const subject = `Re: ${handoffSubject(handoff.tenantName, false)}`;
    const parts = this.followUpTemplate.render({
      title: `Handoff from ${handoff.tenantName}`,
      details: handoffDetails(handoff),
      messages: messages.map((message) => messageView(message, speakerOf(message))),
      adminConversationUrl: handoff.adminConversationUrl,
    });
    return { subject, ...parts };
  }

  /** The visitor reads the answers under their agents' names alone: "(team)" is for the team. */
  toVisitor({ handoff, messages }: VisitorEmailPayload, canReply: boolean): RenderedEmail {
    const subject = `${singleLine(handoff.tenantName)} answered your message`;
    const parts = this.visitorTemplate.render({
      title: subject,
      tenantName: handoff.tenantName,
      messages: messages.map((message) => messageView(message, answererName(message, handoff.tenantName))),
      canReply,
    });
    return { subject, ...parts };
  }

  /** Every piece of it escaped in the HTML part: the last error may quote the peer. */
  channelFailing(payload: ChannelFailingPayload): RenderedEmail {
    const subject = `[Wilow] ${singleLine(payload.channelName)} is failing for ${singleLine(payload.tenantName)}`;
    const parts = this.channelFailingTemplate.render({ title: subject, ...payload, since: formatUtc(payload.since) });
    return { subject, ...parts };
  }
}

function handoffSubject(tenantName: string, test: boolean): string {
  const prefix = test ? '[Wilow][TEST]' : '[Wilow]';
  return `${prefix} Handoff from ${singleLine(tenantName)}`;
}

function handoffDetails(handoff: Pick<HandoffReference, 'tenantName' | 'createdAt' | 'visitorEmail'>): DetailView[] {
  return [
    { label: 'Account', value: handoff.tenantName },
    { label: 'Requested', value: formatUtc(handoff.createdAt) },
    ...(handoff.visitorEmail ? [{ label: 'Visitor email', value: handoff.visitorEmail }] : []),
  ];
}

function messageView(entry: TranscriptEntry, speaker: string): MessageView {
  return { speaker, time: formatUtc(entry.createdAt), content: entry.content };
}

function answererName(message: FollowUpMessage, tenantName: string): string {
  return singleLine(message.author?.name ?? tenantName);
}
