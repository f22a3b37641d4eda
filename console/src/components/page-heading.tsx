import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * The page's h1, focused when the page opens: after a route change in the browser, keyboard and
 * screen-reader users start at the new page's title, as after a full page load.
 */
export function PageHeading({ children }: { children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 ref={heading} tabIndex={-1} class="page-title">
      {children}
    </h1>
  );
}
