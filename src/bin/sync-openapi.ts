import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { buildOpenApiDocument } from '../common/openapi/openapi';
import { loadConfig } from '../config/load-config';
import { createHttpAdapter } from '../http-app';

/**
 * Writes openapi.json at the repository root from the app's routes and DTOs. The app is
 * created in preview mode: routes and schemas are read, no provider runs, no database is needed.
 */
async function syncOpenApi(): Promise<void> {
  const config = loadConfig({});
  const app = await NestFactory.create(AppModule.forRoot(config), createHttpAdapter(config), { preview: true, logger: false });
  const document = buildOpenApiDocument(app);
  writeFileSync(join(__dirname, '..', '..', 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

void syncOpenApi();
