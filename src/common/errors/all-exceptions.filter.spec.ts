import { ArgumentsHost, BadRequestException, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';

/** A reply that records what the filter sends, as Fastify's would. */
function capture() {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    send(body: unknown) {
      sent.body = body;
      return this;
    },
    hasHeader: (name: string) => name in sent.headers,
    header: (name: string, value: string) => (sent.headers[name] = value),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { sent, host };
}

describe('AllExceptionsFilter', () => {
  const filter = new AllExceptionsFilter();

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers an unexpected error with 500, an error id, and no internals', () => {
    const { sent, host } = capture();
    filter.catch(new Error('connection string postgres://user:secret@db/wilow leaked in a stack'), host);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      statusCode: 500,
      code: ErrorCode.InternalError,
      message: expect.stringMatching(/error id [0-9a-f-]{36}/),
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });

  it('keeps the status, code and message of an AppError', () => {
    const { sent, host } = capture();
    filter.catch(new AppError(HttpStatus.PRECONDITION_FAILED, ErrorCode.NoDeliveryChannel, 'No channel.'), host);
    expect(sent).toMatchObject({ status: 412, body: { statusCode: 412, code: 'NO_DELIVERY_CHANNEL', message: 'No channel.' } });
  });

  it('gives Nest HTTP exceptions a stable code', () => {
    const { sent, host } = capture();
    filter.catch(new BadRequestException('Bad thing'), host);
    expect(sent.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Bad thing' });
  });

  it('answers Fastify’s refusals of a request body with their status and a plain message', () => {
    const { sent, host } = capture();
    filter.catch(new HttpException('Request body is too large', HttpStatus.PAYLOAD_TOO_LARGE), host);
    expect(sent.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large.' });
  });

  it('answers a lost database connection with 503, not 500', () => {
    const { sent, host } = capture();
    filter.catch(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), host);
    expect(sent.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers a transaction whose connection broke before its commit with 503', () => {
    const { sent, host } = capture();
    filter.catch(new QueryRunnerAlreadyReleasedError(), host);
    expect(sent.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers a raw statement of a transaction whose connection broke with 503', () => {
    const { sent, host } = capture();
    filter.catch(new QueryRunnerProviderAlreadyReleasedError(), host);
    expect(sent.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
  });
});
