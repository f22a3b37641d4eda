import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answeredFromClientCache, etagOf } from '../common/http/freshness';
import { ConsoleBundle } from './console-bundle';
import { CONSOLE_PAGE_CSP } from './console-page-policy';

/**
 * Set in the handlers rather than with `@Header`, which Nest applies before the handler runs: error
 * bodies must keep their JSON type. The files have fixed names, so browsers revalidate them (ETag).
 */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-cache',
  'Content-Security-Policy': CONSOLE_PAGE_CSP,
};

/**
 * The admin console: one page for `/admin` and every path under it (the console routes in the
 * browser, so deep links such as `/admin/conversations?id=…` load it too), and its two assets.
 * Not part of the OpenAPI document: these are pages for people, not operations for API clients.
 */
@ApiExcludeController()
@Controller('admin')
export class AdminConsoleController {
  constructor(private readonly bundle: ConsoleBundle) {}

  /** Declared before the page's wildcard, so it is matched first. */
  @Get('assets/:name')
  getConsoleAsset(
    @Param('name') name: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): string | undefined {
    const asset = this.bundle.asset(name);
    response.headers({ 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache' });
    return answeredFromClientCache(request, response, etagOf(asset.content)) ? undefined : asset.content;
  }

  @Get(['', '*'])
  getConsolePage(@Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): string | undefined {
    const page = this.bundle.page();
    response.headers(PAGE_HEADERS);
    return answeredFromClientCache(request, response, etagOf(page)) ? undefined : page;
  }
}
