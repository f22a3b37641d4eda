import { useLocation } from 'preact-iso/router';

const NAVIGATION = [
  { href: '/admin/handoffs', label: 'Handoffs' },
  { href: '/admin/settings/handoff', label: 'Handoff settings' },
  { href: '/admin/settings/widget', label: 'Widget settings' },
  { href: '/admin/data-protection', label: 'Data protection' },
];

export function Header({ workspace, onSignOut }: { workspace: string; onSignOut: () => void }) {
  const { path } = useLocation();
  return (
    <header class="topbar">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <div class="topbar-identity">
        <span class="brand">Wilow admin</span>
        <span class="workspace" title="Workspace">
          {workspace}
        </span>
      </div>
      <nav aria-label="Console" class="topbar-nav">
        {NAVIGATION.map(({ href, label }) => (
          <a key={href} href={href} aria-current={path === href ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <button type="button" class="button button-quiet" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
