import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { ConfigError, loadConfig } from './config/load-config';
import { configureHttpApp, createHttpAdapter, NEST_HTTP_OPTIONS } from './http-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const module = AppModule.forRoot(config);
  let app: INestApplicationContext;
  if (config.servesHttp) {
    const http = await NestFactory.create<NestFastifyApplication>(module, createHttpAdapter(config), { ...NEST_HTTP_OPTIONS, bufferLogs: true });
    await configureHttpApp(http);
    // Every interface (Fastify alone would listen on localhost only).
    await http.listen(config.port, '0.0.0.0');
    app = http;
  } else {
    app = await NestFactory.createApplicationContext(module, { bufferLogs: true });
    app.useLogger(app.get(Logger));
    app.enableShutdownHooks();
  }
  logStart(app, config);
}

function logStart(app: INestApplicationContext, config: AppConfig): void {
  const logger = app.get(Logger);
  for (const warning of config.warnings) logger.warn(warning, 'Config');
  const listening = config.servesHttp ? ` on port ${config.port}` : '';
  logger.log(`Wilow handoff service started: role ${config.role}${listening}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // The logger may not exist yet: configuration errors go to stderr as they are.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
