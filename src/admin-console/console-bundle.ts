import { HttpStatus, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, notFound } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';

/** Built by `npm run build:console`; the same two levels up from src/ (tests) and dist/ (the build). */
export const CONSOLE_DIST = join(__dirname, '..', '..', 'console', 'dist');

/** The files the console's page loads, by the name in its URL (`/admin/assets/<name>`). */
const ASSET_TYPES: Record<string, string> = {
  'main.js': 'application/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
};

export interface ConsoleAsset {
  content: string;
  contentType: string;
}

/**
 * The admin console's build, read once at startup (it changes only with a new build). A missing
 * build is logged, not fatal: the APIs work without it, and `/admin` answers 503.
 */
export class ConsoleBundle {
  private constructor(private readonly files: Map<string, string> | undefined) {}

  static load(directory = CONSOLE_DIST, logger = new Logger('AdminConsole')): ConsoleBundle {
    try {
      const names = ['index.html', ...Object.keys(ASSET_TYPES)];
      return new ConsoleBundle(new Map(names.map((name) => [name, readFileSync(join(directory, name), 'utf8')])));
    } catch (error) {
      logger.warn(`Admin console not available (${(error as Error).message}); run \`npm run build:console\`. /admin answers 503.`);
      return new ConsoleBundle(undefined);
    }
  }

  /** The one HTML page of the console; it routes in the browser. */
  page(): string {
    return this.file('index.html');
  }

  asset(name: string): ConsoleAsset {
    if (!Object.hasOwn(ASSET_TYPES, name)) throw notFound('Asset');
    return { content: this.file(name), contentType: ASSET_TYPES[name] };
  }

  private file(name: string): string {
    const content = this.files?.get(name);
    if (content === undefined) {
      throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.ServiceUnavailable, 'The admin console is not available.');
    }
    return content;
  }
}
