import { asPlatform } from './support/tenants';
import { startTestApp, TestApp } from './support/test-app';

describe('Error bodies', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('answers an unknown route with 404 and the error body', async () => {
    const response = await testApp.http().get('/v1/nothing-here').expect(404);
    expect(response.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
  });

  it('lists every field problem on a validation error, and refuses unknown fields', async () => {
    const response = await testApp
      .http()
      .post('/v1/platform/tenants')
      .set(asPlatform())
      .send({ name: '', handoffEntitled: 'yes', isAdmin: true })
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        'isAdmin: property isAdmin should not exist',
        'name should not be empty',
        'handoffEntitled must be a boolean value',
      ]),
    );
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await testApp
      .http()
      .post('/v1/platform/tenants')
      .set(asPlatform())
      .set('Content-Type', 'application/json')
      .send('{"name":')
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await testApp
      .http()
      .post('/v1/platform/tenants')
      .set(asPlatform())
      .send({ name: 'x'.repeat(100_000) })
      .expect(413);
    expect(response.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large.' });
  });

  it('answers a malformed id with 400', async () => {
    const response = await testApp
      .http()
      .patch('/v1/platform/tenants/not-a-uuid')
      .set(asPlatform())
      .send({ handoffEntitled: true })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('sends a request id and security headers', async () => {
    const response = await testApp.http().get('/health').set('X-Request-Id', 'abc-123').expect(200);
    expect(response.headers['x-request-id']).toBe('abc-123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('reports Postgres, Redis and the queue up on /health', async () => {
    const response = await testApp.http().get('/health').expect(200);
    expect(response.body.details).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, queue: { status: 'up' } });
  });
});
