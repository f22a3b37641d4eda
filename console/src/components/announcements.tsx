import type { ComponentChildren } from 'preact';

/**
 * A part of a page's two live regions: what happened (polite) and what went wrong (assertive).
 * Always rendered, empty when there is nothing to say, so that screen readers hear each change.
 */
export function Announcements({ notice, problem }: { notice: ComponentChildren; problem: string }) {
  return (
    <>
      <p role="status" class="notice">
        {notice}
      </p>
      <p role="alert" class="problem">
        {problem}
      </p>
    </>
  );
}
