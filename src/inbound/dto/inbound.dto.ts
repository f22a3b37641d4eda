/** The 200 of an inbound address: the request was taken, ignored, or had been taken before. */
export class InboundReceiptDto {
  /** Slack's `url_verification` challenge, echoed; absent otherwise. */
  challenge?: string;
}

export class InboundUrlDto {
  /** The new address (`{PUBLIC_BASE_URL}/v1/inbound/{channel}/{token}`): set it in the helpdesk now, the old one answers 404. */
  inboundUrl: string;
}
