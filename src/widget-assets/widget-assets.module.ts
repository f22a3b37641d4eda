import { Module } from '@nestjs/common';
import { WidgetAssetsController } from './widget-assets.controller';
import { WidgetScript } from './widget-script';

/** Serves the reference widget (`/widget.js`) and a page that embeds it (`/demo`). */
@Module({
  controllers: [WidgetAssetsController],
  providers: [{ provide: WidgetScript, useFactory: () => WidgetScript.load() }],
})
export class WidgetAssetsModule {}
