import { DeliveryChannel } from './delivery-channel';
import { accountName, apiBaseUrl } from './helpdesk-request';
import { MAX_TICKET_HTML_BYTES } from './ticket-html';
import { WebhookTargetPolicy } from './webhook-target/webhook-target-policy';
import { WebhookTransport } from './webhook/webhook-transport';

/** Where a helpdesk's tickets API is for one account. */
export interface HelpdeskAccount<Settings> {
  /** The settings field naming the account, also the placeholder of the API base URL template. */
  field: keyof Settings & string;
  /** What a pasted account URL ends with (`.zendesk.com`), dropped to keep the name. */
  hostSuffix: string;
  /** The tickets endpoint below the API base URL. */
  ticketsPath: string;
}

/**
 * What the ticketing helpdesks (Zendesk, Freshdesk) share: an account the tenant names, its API at
 * an operator's base URL template (`*_API_BASE_URL`), and a tickets endpoint that must pass the
 * outbound address policy when saved, as it must again when sent to.
 */
export abstract class HelpdeskTicketChannel<Settings extends object> extends DeliveryChannel<Settings> {
  override readonly tenantEndpoint = true;
  readonly transcriptBudgetBytes = MAX_TICKET_HTML_BYTES;
  protected abstract readonly account: HelpdeskAccount<Settings>;

  constructor(
    protected readonly transport: WebhookTransport,
    private readonly policy: WebhookTargetPolicy,
    private readonly apiBaseTemplate: string,
  ) {
    super();
  }

  /** Keeps the account's name alone (from a pasted URL too) and vets the endpoint it leads to. */
  override async prepare(settings: Settings): Promise<Settings> {
    const { field, hostSuffix } = this.account;
    const name = accountName(String(settings[field]), field, hostSuffix);
    await this.policy.vetUrl(this.ticketsUrl(name));
    return { ...settings, [field]: name };
  }

  protected ticketsUrl(name: string): string {
    return this.apiUrl(name, this.account.ticketsPath);
  }

  /** An endpoint of the account's API: `/api/v2/tickets/7/notes`. */
  protected apiUrl(name: string, path: string): string {
    return `${apiBaseUrl(this.apiBaseTemplate, this.account.field, name)}${path}`;
  }
}
