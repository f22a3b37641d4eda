import { outcomeOfSent, outcomeOfSmtpError } from './smtp-outcome';

/** nodemailer's error shape: `code`, and the server's reply when there was one. */
function smtpError(message: string, code: string, response?: string): Error {
  const responseCode = response === undefined ? undefined : Number(response.slice(0, 3));
  return Object.assign(new Error(message), { code, response, responseCode });
}

describe('outcomeOfSent', () => {
  it('is delivered, with the reply code and line, when every recipient was accepted', () => {
    expect(outcomeOfSent({ accepted: ['a@x.test'], rejected: [], response: '250 2.0.0 Ok: queued' })).toEqual({
      status: 'delivered',
      responseStatus: 250,
      responseBody: '250 2.0.0 Ok: queued',
    });
  });

  it('is a permanent failure when some recipients were rejected', () => {
    const outcome = outcomeOfSent({ accepted: ['a@x.test'], rejected: ['b@x.test'], response: '250 Ok' });
    expect(outcome).toMatchObject({ status: 'permanent_failure', error: 'Recipient rejected: b@x.test' });
  });

  it('is delivered without a reply code for a transport that has none', () => {
    expect(outcomeOfSent({ response: 'Written to var/mail/x.eml' })).toEqual({
      status: 'delivered',
      responseBody: 'Written to var/mail/x.eml',
    });
  });
});

describe('outcomeOfSmtpError', () => {
  it.each([
    ['a 5xx reply', smtpError('Recipient command failed', 'EENVELOPE', '550 5.1.1 No such user'), 'permanent_failure'],
    ['a 5xx to DATA', smtpError('Message failed', 'EMESSAGE', '554 5.7.1 Spam'), 'permanent_failure'],
    ['a 4xx reply', smtpError('Recipient command failed', 'EENVELOPE', '451 4.3.0 Later'), 'transient_failure'],
    ['a 5xx to AUTH', smtpError('Invalid login', 'EAUTH', '535 5.7.8 Bad credentials'), 'transient_failure'],
    ['a connection failure', smtpError('connect ECONNREFUSED 127.0.0.1:25', 'ESOCKET'), 'transient_failure'],
    ['a timeout', smtpError('Greeting never received', 'ETIMEDOUT'), 'transient_failure'],
    ['an unexpected error', new Error('boom'), 'transient_failure'],
    ['a thrown non-error', 'boom', 'transient_failure'],
  ])('classifies %s', (_case, error, status) => {
    expect(outcomeOfSmtpError(error).status).toBe(status);
  });

  it('says what the server replied, on one line, for the admin', () => {
    const outcome = outcomeOfSmtpError(smtpError('Recipient command failed', 'EENVELOPE', '550 5.1.1 <team@acme.test>:\r\n No such user'));
    expect(outcome).toMatchObject({ error: 'mail server answered 550 5.1.1 <team@acme.test>: No such user' });
    expect(outcome).not.toHaveProperty('diagnostic');
  });

  it('classifies a failure without a reply and keeps nodemailer\'s own text for the log only', () => {
    expect(outcomeOfSmtpError(smtpError('connect ECONNREFUSED 10.1.2.3:25', 'ESOCKET'))).toEqual({
      status: 'transient_failure',
      error: 'mail server: connection failed',
      diagnostic: 'connect ECONNREFUSED 10.1.2.3:25',
    });
    expect(outcomeOfSmtpError(smtpError('Greeting never received', 'ETIMEDOUT'))).toMatchObject({ error: 'mail server: timed out' });
    expect(outcomeOfSmtpError(new Error('boom'))).toMatchObject({ error: 'mail server: sending failed', diagnostic: 'boom' });
  });

  it('records the reply code and at most 2 KB of the reply line', () => {
    const reply = `550 ${'x'.repeat(3000)}`;
    const outcome = outcomeOfSmtpError(smtpError('Message failed', 'EMESSAGE', reply));
    expect(outcome).toMatchObject({ responseStatus: 550, responseBody: reply.slice(0, 2048) });
  });
});
