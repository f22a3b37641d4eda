import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIST } from '../src/admin-console/console-bundle';
import { startTestApp, TestApp } from './support/test-app';

describe('Admin console: /admin', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it.each(['/admin', '/admin/', '/admin/handoffs', '/admin/conversations?id=4d7f7c1e-0000-4000-8000-000000000000', '/admin/settings/handoff', '/admin/no/such/page'])(
    'serves the console page at %s, under a strict Content-Security-Policy',
    async (path) => {
      const response = await testApp.http().get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toBe(readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8'));
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/unsafe|https?:|\*/);
    },
  );

  it.each([
    ['main.js', 'application/javascript; charset=utf-8'],
    ['styles.css', 'text/css; charset=utf-8'],
  ])('serves the asset %s with its type, revalidated by ETag', async (name, type) => {
    const response = await testApp.http().get(`/admin/assets/${name}`).expect(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.text).toBe(readFileSync(join(CONSOLE_DIST, name), 'utf8'));
    await testApp.http().get(`/admin/assets/${name}`).set('If-None-Match', response.headers.etag).expect(304);
  });

  it.each(['index.html', 'schema.d.ts', '..%2Fpackage.json', 'constructor'])('answers 404 for any other asset name (%s)', async (name) => {
    const response = await testApp.http().get(`/admin/assets/${name}`).expect(404);
    expect(response.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Asset not found.' });
  });

  it('keeps the console out of the OpenAPI document', async () => {
    const document = await testApp.http().get('/docs-json').expect(200);
    expect(Object.keys(document.body.paths).filter((path) => path.startsWith('/admin'))).toEqual([]);
  });
});
