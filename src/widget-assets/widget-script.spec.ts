import { HttpStatus, Logger } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { WidgetScript } from './widget-script';

describe('WidgetScript', () => {
  const directory = mkdtempSync(join(tmpdir(), 'wilow-widget-'));

  it('serves the bundle read at startup', () => {
    const path = join(directory, 'widget.js');
    writeFileSync(path, 'console.log("widget")');
    expect(WidgetScript.load(path).source()).toBe('console.log("widget")');
  });

  it('warns instead of failing when the bundle was not built, then answers 503', () => {
    const logger = new Logger('test');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const script = WidgetScript.load(join(directory, 'missing.js'), logger);

    expect(warn).toHaveBeenCalledWith(expect.stringContaining('npm run build:widget'));
    expect(() => script.source()).toThrow(AppError);
    expect(() => script.source()).toThrow(
      expect.objectContaining({ status: HttpStatus.SERVICE_UNAVAILABLE, code: ErrorCode.ServiceUnavailable }),
    );
  });
});
