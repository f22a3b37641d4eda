/** The admin console's page of a conversation: the deep link in every delivery and in the API. */
export function adminConversationUrl(adminBaseUrl: string, conversationId: string): string {
  return `${adminBaseUrl}/admin/conversations?id=${encodeURIComponent(conversationId)}`;
}
