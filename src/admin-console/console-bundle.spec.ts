import { HttpStatus, Logger } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleBundle } from './console-bundle';

describe('ConsoleBundle', () => {
  function builtConsole(): string {
    const directory = mkdtempSync(join(tmpdir(), 'wilow-console-'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html>');
    writeFileSync(join(directory, 'main.js'), 'console.log("console")');
    writeFileSync(join(directory, 'styles.css'), 'body{}');
    return directory;
  }

  it('serves the page and the named assets read at startup, nothing else', () => {
    const bundle = ConsoleBundle.load(builtConsole());
    expect(bundle.page()).toBe('<!doctype html>');
    expect(bundle.asset('main.js')).toEqual({ content: 'console.log("console")', contentType: 'application/javascript; charset=utf-8' });
    expect(bundle.asset('styles.css').contentType).toBe('text/css; charset=utf-8');
    for (const name of ['index.html', 'toString', '__proto__', '../main.js']) {
      expect(() => bundle.asset(name)).toThrow(expect.objectContaining({ status: HttpStatus.NOT_FOUND }));
    }
  });

  it('warns instead of failing when the console was not built, then answers 503', () => {
    const logger = new Logger('test');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const bundle = ConsoleBundle.load(join(builtConsole(), 'missing'), logger);

    expect(warn).toHaveBeenCalledWith(expect.stringContaining('npm run build:console'));
    expect(() => bundle.page()).toThrow(expect.objectContaining({ status: HttpStatus.SERVICE_UNAVAILABLE }));
    expect(() => bundle.asset('main.js')).toThrow(expect.objectContaining({ status: HttpStatus.SERVICE_UNAVAILABLE }));
  });
});
