import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { ConfigError, loadConfig } from './config/load-config';
import { configureHttpApp } from './http-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const module = AppModule.forRoot(config);
  let app: INestApplicationContext;
  if (config.servesHttp) {
    const http = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
    configureHttpApp(http);
    await http.listen(config.port);
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
