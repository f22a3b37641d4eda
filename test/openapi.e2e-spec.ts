import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../src/common/openapi/openapi';
import { startTestApp, TestApp } from './support/test-app';

describe('OpenAPI document', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('matches the committed openapi.json (run `npm run openapi` after changing the API)', async () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
    const served = await testApp.http().get('/docs-json').expect(200);
    expect(served.body).toEqual(committed);
    expect(buildOpenApiDocument(testApp.app)).toEqual(committed);
  });

  it('gives every operation a unique camelCase operationId, a tag, and documented errors', () => {
    const document = buildOpenApiDocument(testApp.app);
    const operations = Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string; tags?: string[]; responses: object }>),
    );
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) {
      expect(operation.operationId).toMatch(/^[a-z][a-zA-Z]+$/);
      expect(operation.tags?.length).toBeGreaterThan(0);
      const statuses = Object.keys(operation.responses);
      expect(statuses.some((status) => status.startsWith('2'))).toBe(true);
      expect(statuses.some((status) => /^[45]/.test(status))).toBe(true);
    }
  });

  it('declares every parameter of every path, so a generated client can fill it in', () => {
    const document = buildOpenApiDocument(testApp.app);
    for (const [path, item] of Object.entries(document.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      for (const [method, operation] of Object.entries(item as Record<string, { parameters?: { in: string; name: string }[] }>)) {
        const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
        expect({ operation: `${method} ${path}`, path: declared.sort() }).toEqual({ operation: `${method} ${path}`, path: templated });
      }
    }
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await testApp.http().get('/docs').expect(200);
    expect(response.text).toContain('swagger');
  });
});
