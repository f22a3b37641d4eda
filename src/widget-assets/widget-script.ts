import { HttpStatus, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { etagOf } from '../common/http/freshness';

/** Built by `npm run build:widget`; the same two levels up from src/ (tests) and dist/ (the build). */
export const WIDGET_SCRIPT_PATH = join(__dirname, '..', '..', 'widget', 'dist', 'widget.js');

/**
 * The widget bundle, read once at startup: it changes only with a new build, and `/widget.js` is
 * requested on every page view of every customer site. A missing bundle is logged, not fatal: the
 * APIs work without it, and `/widget.js` answers 503.
 */
export class WidgetScript {
  /** Computed once: every page view asks for the script, browsers revalidate it with this. */
  readonly etag: string;

  private constructor(private readonly content: string | undefined) {
    this.etag = etagOf(content ?? '');
  }

  static load(path = WIDGET_SCRIPT_PATH, logger = new Logger('WidgetAssets')): WidgetScript {
    try {
      return new WidgetScript(readFileSync(path, 'utf8'));
    } catch (error) {
      logger.warn(`Widget bundle not available (${(error as Error).message}); run \`npm run build:widget\`. /widget.js answers 503.`);
      return new WidgetScript(undefined);
    }
  }

  source(): string {
    if (this.content === undefined) {
      throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.ServiceUnavailable, 'The widget script is not available.');
    }
    return this.content;
  }
}
