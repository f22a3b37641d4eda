import { Module } from '@nestjs/common';
import { AdminConsoleController } from './admin-console.controller';
import { ConsoleBundle } from './console-bundle';

/** Serves the tenant admins' console at `/admin` (its source is `console/`, built with esbuild). */
@Module({
  controllers: [AdminConsoleController],
  providers: [{ provide: ConsoleBundle, useFactory: () => ConsoleBundle.load() }],
})
export class AdminConsoleModule {}
