import { Type } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { configureHttpApp, createHttpAdapter, NEST_HTTP_OPTIONS } from '../../src/http-app';

export const PLATFORM_TOKEN = 'test-platform-token-0123456789';
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Base URL of the app, listening on a real port. */
  url: string;
  http: () => ReturnType<typeof request>;
  databaseUrl: string;
  close: () => Promise<void>;
}

/** A fresh, isolated environment per test file: its own database and its own Redis key prefix. */
export function isolatedEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  const id = `e2e_${randomBytes(5).toString('hex')}`;
  return {
    NODE_ENV: 'test',
    DATABASE_URL: `${POSTGRES_URL}/wilow_${id}`,
    REDIS_URL,
    REDIS_PREFIX: `wilow_${id}`,
    PLATFORM_TOKEN,
    LOG_LEVEL: 'silent',
    MAIL_DIR: `var/test-mail/${id}`,
    ...overrides,
  };
}

/** Replaces a provider, for peers a test must control (e.g. what DNS answers). */
export type CustomiseModule = (builder: TestingModuleBuilder) => TestingModuleBuilder;

/**
 * Starts the whole service in-process, listening on a random port, against real Postgres and
 * Redis; `modules` are imported beside it (a test-only channel registers itself that way).
 */
export async function startTestApp(overrides: Record<string, string> = {}, customise?: CustomiseModule, modules: Type[] = []): Promise<TestApp> {
  const config = loadConfig(isolatedEnvironment(overrides));
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config), ...modules] });
  const moduleRef = await (customise ? customise(builder) : builder).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), { ...NEST_HTTP_OPTIONS, logger: false });
  await configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    config,
    url: url.replace('[::1]', '127.0.0.1'),
    http: () => request(app.getHttpServer()),
    databaseUrl: config.databaseUrl,
    close: async () => {
      await app.close();
      await dropDatabase(config.databaseUrl);
    },
  };
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs a query on the app's database directly, to check what was (or was not) stored. */
export async function queryDatabase<T extends Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
