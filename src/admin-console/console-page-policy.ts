/**
 * The console page's Content-Security-Policy (helmet's default is for the API): its script, its
 * stylesheet and the API all come from this origin, nothing is inline, nothing else loads, and
 * scripts cannot write HTML from strings (Trusted Types), so a transcript never becomes markup.
 */
export const CONSOLE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');
