import { readFileSync } from 'node:fs';
import { WIDGET_SCRIPT_PATH } from '../src/widget-assets/widget-script';
import { startTestApp, TestApp } from './support/test-app';

describe('Widget assets: /widget.js and /demo', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('serves the built widget as JavaScript, cacheable and embeddable from other origins', async () => {
    const response = await testApp.http().get('/widget.js').expect(200);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.text).toBe(readFileSync(WIDGET_SCRIPT_PATH, 'utf8'));
  });

  it('serves a demo page embedding the widget with the key, under its own CSP', async () => {
    const response = await testApp.http().get('/demo').query({ key: 'wk_demo-Key_1' }).expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('<script src="/widget.js" data-widget-key="wk_demo-Key_1" async></script>');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it.each([
    ['missing', {}],
    ['not a widget key', { key: '"><script>alert(1)</script>' }],
  ])('refuses a demo page whose key is %s (400)', async (_case, query) => {
    const response = await testApp.http().get('/demo').query(query).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(response.text).not.toContain('<script>');
  });
});
