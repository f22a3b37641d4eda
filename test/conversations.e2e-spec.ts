import { asAdmin, asPlatform, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { configureHandoff } from './support/handoff';
import { asVisitor, asWidget, openConversation, postVisitorMessage, TestConversation } from './support/widget';

describe('Conversations: the widget API', () => {
  let testApp: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    testApp = await startTestApp();
    tenant = await createTenant(testApp);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('answers the widget config from the widget key, with caching headers', async () => {
    const response = await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).expect(200);
    expect(response.body).toEqual({ handoff: { enabled: false } });
    expect(response.headers['cache-control']).toContain('max-age=30');
    expect(response.headers.vary).toContain('X-Widget-Key');
    expect(response.headers.etag).toBeDefined();
    await testApp
      .http()
      .get('/v1/widget/config')
      .set(asWidget(tenant))
      .set('If-None-Match', response.headers.etag)
      .expect(304);
  });

  it.each([
    ['no widget key', {}],
    ['an unknown widget key', { 'X-Widget-Key': 'wk_unknownunknownunknownunknownun' }],
    ['an admin key instead', { Authorization: 'Bearer wak_x' }],
  ])('refuses the widget API with %s (401)', async (_case, headers) => {
    const response = await testApp.http().get('/v1/widget/config').set(headers).expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    expect(response.headers['cache-control'] ?? '').not.toContain('max-age');
  });

  it('opens a conversation, posts messages and reads the transcript oldest first', async () => {
    const conversation = await openConversation(testApp, tenant);
    expect(conversation.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(conversation.visitorToken).toMatch(/^wvt_[A-Za-z0-9_-]{43}$/);

    const first = await postVisitorMessage(testApp, tenant, conversation, 'Hello there');
    expect(first.body).toEqual({
      message: {
        id: expect.any(String),
        sequence: 1,
        role: 'user',
        content: 'Hello there',
        offerHandoff: false,
        author: null,
        source: null,
        createdAt: expect.any(String),
      },
      escalation: { detected: false, offerHandoff: false },
    });
    const reply = await postAssistantMessage(conversation, { content: 'Hi! How can I help?' }).expect(201);
    expect(reply.body).toMatchObject({ sequence: 2, role: 'assistant', offerHandoff: false });
    await postVisitorMessage(testApp, tenant, conversation, 'Where is my order?');

    const transcript = await readMessages(conversation).expect(200);
    expect(transcript.body.items.map((m: { sequence: number; role: string; content: string }) => [m.sequence, m.role, m.content])).toEqual([
      [1, 'user', 'Hello there'],
      [2, 'assistant', 'Hi! How can I help?'],
      [3, 'user', 'Where is my order?'],
    ]);
  });

  function postAssistantMessage(conversation: TestConversation, body: { content: string; role?: string; offerHandoff?: boolean }) {
    return testApp
      .http()
      .post(`/v1/admin/conversations/${conversation.conversationId}/messages`)
      .set(asAdmin(tenant))
      .send({ role: 'assistant', ...body });
  }

  function readMessages(conversation: TestConversation, query: Record<string, string | number> = {}) {
    return testApp
      .http()
      .get(`/v1/widget/conversations/${conversation.conversationId}/messages`)
      .query(query)
      .set(asVisitor(tenant, conversation));
  }

  const sequences = (items: { sequence: number }[]) => items.map((message) => message.sequence);

  describe('incremental reads', () => {
    async function conversationWith(count: number): Promise<TestConversation> {
      const conversation = await openConversation(testApp, tenant);
      await queryDatabase(
        testApp.databaseUrl,
        `INSERT INTO messages (conversation_id, seq, role, content)
         SELECT $1, n, CASE WHEN n % 2 = 0 THEN 'assistant' ELSE 'user' END, 'message ' || n FROM generate_series(1, $2::int) AS n`,
        [conversation.conversationId, count],
      );
      await queryDatabase(testApp.databaseUrl, 'UPDATE conversations SET message_count = $2 WHERE id = $1', [conversation.conversationId, count]);
      return conversation;
    }

    it('returns only the messages after a sequence, oldest first', async () => {
      const conversation = await conversationWith(5);
      const later = await readMessages(conversation, { after: 3 }).expect(200);
      expect(later.body.items.map((m: { sequence: number; content: string }) => [m.sequence, m.content])).toEqual([
        [4, 'message 4'],
        [5, 'message 5'],
      ]);
      expect((await readMessages(conversation, { after: 5 }).expect(200)).body).toEqual({ items: [], nextAfter: null, mode: 'assistant', agent: null });
      expect(sequences((await readMessages(conversation, { after: 0 }).expect(200)).body.items)).toEqual([1, 2, 3, 4, 5]);
    });

    it('returns at most 100 messages a call, and says where the next call carries on', async () => {
      const conversation = await conversationWith(250);
      const pages: number[][] = [];
      const nextAfters: (number | null)[] = [];
      let after: number | null = 0;
      while (after !== null) {
        const { body }: { body: { items: { sequence: number }[]; nextAfter: number | null } } = await readMessages(conversation, { after }).expect(200);
        pages.push(sequences(body.items));
        nextAfters.push(body.nextAfter);
        after = body.nextAfter;
      }
      expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
      expect(nextAfters).toEqual([100, 200, null]);
      expect(pages.flat()).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
    });

    it('bounds a read without `after` too: the first 100 messages, from the start', async () => {
      const conversation = await conversationWith(1000);
      const { body } = await readMessages(conversation).expect(200);
      expect(sequences(body.items)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
      expect(body.nextAfter).toBe(100);
    });

    it.each([['-1'], ['1.5'], ['three'], ['99999999999']])('refuses after=%s with 400', async (after) => {
      const conversation = await conversationWith(1);
      const response = await readMessages(conversation, { after }).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('assistant offers of a person', () => {
    it('carries offerHandoff from the assistant engine into the widget and admin message lists', async () => {
      const conversation = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, conversation, 'My order never came');
      const offer = await postAssistantMessage(conversation, { content: 'Shall I get you someone from the team?', offerHandoff: true }).expect(201);
      expect(offer.body).toMatchObject({ sequence: 2, role: 'assistant', offerHandoff: true });
      await postAssistantMessage(conversation, { content: 'Or I can look it up.', offerHandoff: false }).expect(201);

      const offers = (items: { offerHandoff: boolean }[]) => items.map((message) => message.offerHandoff);
      expect(offers((await readMessages(conversation).expect(200)).body.items)).toEqual([false, true, false]);
      expect(offers((await readMessages(conversation, { after: 1 }).expect(200)).body.items)).toEqual([true, false]);
      const admin = await testApp.http().get(`/v1/admin/conversations/${conversation.conversationId}`).set(asAdmin(tenant)).expect(200);
      expect(offers(admin.body.messages)).toEqual([false, true, false]);
    });

    it('refuses an offer on a user message, and an offer that is not a boolean', async () => {
      const conversation = await openConversation(testApp, tenant);
      const onUser = await postAssistantMessage(conversation, { role: 'user', content: 'hi', offerHandoff: true }).expect(400);
      expect(onUser.body.errors).toEqual(['offerHandoff may be true on assistant messages only']);
      const notBoolean = await testApp
        .http()
        .post(`/v1/admin/conversations/${conversation.conversationId}/messages`)
        .set(asAdmin(tenant))
        .send({ role: 'assistant', content: 'hi', offerHandoff: 'yes' })
        .expect(400);
      expect(notBoolean.body.errors).toEqual(['offerHandoff must be a boolean value']);
      await testApp
        .http()
        .post(`/v1/widget/conversations/${conversation.conversationId}/messages`)
        .set(asVisitor(tenant, conversation))
        .send({ content: 'hi', offerHandoff: true })
        .expect(400);
    });
  });

  it('stores only a hash of the visitor token', async () => {
    const conversation = await openConversation(testApp, tenant);
    const rows = await queryDatabase(testApp.databaseUrl, 'SELECT * FROM conversations WHERE id = $1', [
      conversation.conversationId,
    ]);
    expect(JSON.stringify(rows)).not.toContain(conversation.visitorToken.slice(4));
  });

  it('detects a request for a person, but offers handoff only when it is available', async () => {
    const conversation = await openConversation(testApp, tenant);
    const response = await postVisitorMessage(testApp, tenant, conversation, 'can I talk to a real person?');
    expect(response.body.escalation).toEqual({ detected: true, offerHandoff: false });
    const negation = await postVisitorMessage(testApp, tenant, conversation, 'no need for a human, thanks');
    expect(negation.body.escalation).toEqual({ detected: false, offerHandoff: false });
  });

  describe('escalation after the assistant said it cannot help', () => {
    let ready: TestTenant;

    beforeAll(async () => {
      ready = await createTenant(testApp, { name: 'Ready', handoffEntitled: true });
      await configureHandoff(testApp, ready, { enabled: true, email: 'team@acme.example' });
    });

    const assistantSays = (conversation: TestConversation, content: string) =>
      testApp
        .http()
        .post(`/v1/admin/conversations/${conversation.conversationId}/messages`)
        .set(asAdmin(ready))
        .send({ role: 'assistant', content })
        .expect(201);

    it('offers a person to a visitor who pushes back', async () => {
      const conversation = await openConversation(testApp, ready);
      await assistantSays(conversation, "I can't help with that");
      const response = await postVisitorMessage(testApp, ready, conversation, "that's useless");
      expect(response.body.escalation).toEqual({ detected: true, offerHandoff: true });
    });

    it('reads the push-back in the light of the last assistant message, not on its own', async () => {
      const conversation = await openConversation(testApp, ready);
      await assistantSays(conversation, 'Your order ships on Monday.');
      const afterAnAnswer = await postVisitorMessage(testApp, ready, conversation, 'so what now?');
      expect(afterAnAnswer.body.escalation).toEqual({ detected: false, offerHandoff: false });

      await assistantSays(conversation, "Sorry, I don't have that information.");
      await postVisitorMessage(testApp, ready, conversation, 'hmm');
      const afterNoHelp = await postVisitorMessage(testApp, ready, conversation, 'so what now?');
      expect(afterNoHelp.body.escalation).toEqual({ detected: true, offerHandoff: true });
    });
  });

  describe('visitor tokens', () => {
    it('refuses a missing token (401) and a forged one (404), revealing nothing', async () => {
      const conversation = await openConversation(testApp, tenant);
      const path = `/v1/widget/conversations/${conversation.conversationId}/messages`;
      await testApp.http().get(path).set(asWidget(tenant)).expect(401);
      const forged = await testApp
        .http()
        .get(path)
        .set({ ...asWidget(tenant), Authorization: 'Bearer wvt_forgedforgedforgedforgedforgedforgedforg' })
        .expect(404);
      expect(forged.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Conversation not found.' });
    });

    it("refuses another conversation's token, the same way as an unknown conversation", async () => {
      const mine = await openConversation(testApp, tenant);
      const other = await openConversation(testApp, tenant);
      const path = `/v1/widget/conversations/${mine.conversationId}/messages`;
      const wrongToken = await testApp.http().get(path).set(asVisitor(tenant, other)).expect(404);
      const unknown = await testApp
        .http()
        .get('/v1/widget/conversations/00000000-0000-4000-8000-000000000000/messages')
        .set(asVisitor(tenant, mine))
        .expect(404);
      expect(wrongToken.body).toEqual(unknown.body);
      await testApp.http().get('/v1/widget/conversations/not-a-uuid/messages').set(asVisitor(tenant, mine)).expect(404);
    });

    it("refuses a conversation of another tenant, even with its own token", async () => {
      const otherTenant = await createTenant(testApp, { name: 'Other' });
      const theirs = await openConversation(testApp, otherTenant);
      await testApp
        .http()
        .post(`/v1/widget/conversations/${theirs.conversationId}/messages`)
        .set({ ...asWidget(tenant), Authorization: `Bearer ${theirs.visitorToken}` })
        .send({ content: 'hello' })
        .expect(404);
    });
  });

  describe('limits', () => {
    it.each([
      ['empty content', { content: '' }, 'content must be longer than or equal to 1 characters'],
      ['content over 4000 characters', { content: 'x'.repeat(4001) }, 'content must be shorter than or equal to 4000 characters'],
      ['no content', {}, 'content must be a string'],
      ['an unknown field', { content: 'hi', role: 'assistant' }, 'role: property role should not exist'],
    ])('refuses %s with 400 and the field message', async (_case, body, message) => {
      const conversation = await openConversation(testApp, tenant);
      const response = await testApp
        .http()
        .post(`/v1/widget/conversations/${conversation.conversationId}/messages`)
        .set(asVisitor(tenant, conversation))
        .send(body)
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toContain(message);
    });

    it('accepts exactly 4000 characters', async () => {
      const conversation = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, conversation, 'y'.repeat(4000));
    });

    it('refuses the 1,001st message of a conversation with 409 MESSAGE_LIMIT_REACHED', async () => {
      const conversation = await openConversation(testApp, tenant);
      await queryDatabase(
        testApp.databaseUrl,
        `INSERT INTO messages (conversation_id, seq, role, content)
         SELECT $1, n, 'user', 'message ' || n FROM generate_series(1, 999) AS n`,
        [conversation.conversationId],
      );
      await queryDatabase(testApp.databaseUrl, 'UPDATE conversations SET message_count = 999 WHERE id = $1', [
        conversation.conversationId,
      ]);
      await postVisitorMessage(testApp, tenant, conversation, 'the thousandth');
      const refused = await testApp
        .http()
        .post(`/v1/widget/conversations/${conversation.conversationId}/messages`)
        .set(asVisitor(tenant, conversation))
        .send({ content: 'one too many' })
        .expect(409);
      expect(refused.body).toMatchObject({ statusCode: 409, code: 'MESSAGE_LIMIT_REACHED' });
      const count = await queryDatabase(testApp.databaseUrl, 'SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [
        conversation.conversationId,
      ]);
      expect(count[0].n).toBe(1000);
    });
  });

  it('reflects an entitlement change at once', async () => {
    const fresh = await createTenant(testApp, { handoffEntitled: true });
    await testApp.http().get('/v1/widget/config').set(asWidget(fresh)).expect(200);
    await testApp.http().patch(`/v1/platform/tenants/${fresh.id}`).set(asPlatform()).send({ handoffEntitled: false }).expect(200);
    const tenantRow = await queryDatabase(testApp.databaseUrl, 'SELECT handoff_entitled FROM tenants WHERE id = $1', [fresh.id]);
    expect(tenantRow[0].handoff_entitled).toBe(false);
  });
});

describe('Conversations: the admin API', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('lists conversations newest first with cursor pagination', async () => {
    const tenant = await createTenant(testApp);
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push((await openConversation(testApp, tenant)).conversationId);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit: 2, cursor } : { limit: 2 };
      const page = await testApp.http().get('/v1/admin/conversations').query(query).set(asAdmin(tenant)).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...opened].reverse());
  });

  it('refuses a bad page size or cursor with 400', async () => {
    const tenant = await createTenant(testApp);
    await testApp.http().get('/v1/admin/conversations').query({ limit: 0 }).set(asAdmin(tenant)).expect(400);
    await testApp.http().get('/v1/admin/conversations').query({ limit: 101 }).set(asAdmin(tenant)).expect(400);
    await testApp.http().get('/v1/admin/conversations').query({ cursor: 'nonsense' }).set(asAdmin(tenant)).expect(400);
  });

  it('reads a conversation with its transcript', async () => {
    const tenant = await createTenant(testApp);
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'first');
    await postVisitorMessage(testApp, tenant, conversation, 'second');
    const response = await testApp.http().get(`/v1/admin/conversations/${conversation.conversationId}`).set(asAdmin(tenant)).expect(200);
    expect(response.body).toMatchObject({ id: conversation.conversationId, messageCount: 2, nextAfter: null });
    expect(response.body.messages.map((m: { content: string }) => m.content)).toEqual(['first', 'second']);
  });

  it('reads a long transcript page by page, at most `limit` (100) messages a call', async () => {
    const tenant = await createTenant(testApp);
    const conversation = await openConversation(testApp, tenant);
    for (const content of ['one', 'two', 'three', 'four', 'five']) await postVisitorMessage(testApp, tenant, conversation, content);
    const read = (query: Record<string, string | number>) =>
      testApp.http().get(`/v1/admin/conversations/${conversation.conversationId}`).query(query).set(asAdmin(tenant));
    const first = await read({ limit: 2 }).expect(200);
    expect(first.body.messages.map((m: { content: string }) => m.content)).toEqual(['one', 'two']);
    expect(first.body.nextAfter).toBe(2);
    const last = await read({ after: 4, limit: 2 }).expect(200);
    expect(last.body.messages.map((m: { content: string }) => m.content)).toEqual(['five']);
    expect(last.body.nextAfter).toBeNull();
    for (const limit of [0, 101, 'many']) expect((await read({ limit }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it("keeps every tenant's conversations to itself: another tenant's ids are 404", async () => {
    const a = await createTenant(testApp, { name: 'A' });
    const b = await createTenant(testApp, { name: 'B' });
    const ofA = await openConversation(testApp, a);
    await openConversation(testApp, b);

    const listedByB = await testApp.http().get('/v1/admin/conversations').set(asAdmin(b)).expect(200);
    expect(listedByB.body.items.map((item: { id: string }) => item.id)).not.toContain(ofA.conversationId);
    await testApp.http().get(`/v1/admin/conversations/${ofA.conversationId}`).set(asAdmin(b)).expect(404);
    await testApp
      .http()
      .post(`/v1/admin/conversations/${ofA.conversationId}/messages`)
      .set(asAdmin(b))
      .send({ role: 'assistant', content: 'not yours' })
      .expect(404);
    await testApp.http().get('/v1/admin/conversations/not-a-uuid').set(asAdmin(b)).expect(404);
  });

  it('refuses an unknown role', async () => {
    const tenant = await createTenant(testApp);
    const conversation = await openConversation(testApp, tenant);
    const response = await testApp
      .http()
      .post(`/v1/admin/conversations/${conversation.conversationId}/messages`)
      .set(asAdmin(tenant))
      .send({ role: 'system', content: 'x' })
      .expect(400);
    expect(response.body.errors[0]).toBe('role must be user or assistant (agents answer through …/replies or a helpdesk)');
  });
});

describe('Widget rate limits', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: '8',
      RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE: '3',
    });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('limits one conversation, then answers 429 with Retry-After', async () => {
    const tenant = await createTenant(testApp);
    const conversation = await openConversation(testApp, tenant);
    for (let i = 0; i < 3; i++) await postVisitorMessage(testApp, tenant, conversation, `message ${i}`);
    const limited = await testApp
      .http()
      .post(`/v1/widget/conversations/${conversation.conversationId}/messages`)
      .set(asVisitor(tenant, conversation))
      .send({ content: 'one more' })
      .expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits one client IP across the widget API', async () => {
    const tenant = await createTenant(testApp);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await testApp.http().get('/v1/widget/config').set(asWidget(tenant))).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(8);
  });
});
