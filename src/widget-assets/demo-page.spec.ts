import { escapeHtml, renderDemoPage } from './demo-page';

describe('demo page', () => {
  it('escapes the key wherever it appears', () => {
    const page = renderDemoPage('wk_"><script>alert(1)</script>');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('data-widget-key="wk_&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
