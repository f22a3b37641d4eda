import { bearerToken } from './bearer-token';

const withAuthorization = (authorization?: string) => ({ headers: { authorization } });

describe('bearerToken', () => {
  it.each([
    ['Bearer wak_abc', 'wak_abc'],
    ['bearer wak_abc', 'wak_abc'],
    ['Bearer   wak_abc  ', 'wak_abc'],
  ])('reads %p', (header, token) => {
    expect(bearerToken(withAuthorization(header))).toBe(token);
  });

  it.each([undefined, '', 'wak_abc', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b'])('finds no token in %p', (header) => {
    expect(bearerToken(withAuthorization(header))).toBeUndefined();
  });
});
