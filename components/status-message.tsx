/** A short page state: loading, not a website, nothing known, an error. */
import type { ComponentChildren } from 'preact';

export function StatusMessage({
  title,
  children,
  kind = 'info',
  level = 1,
}: {
  title: string;
  children?: ComponentChildren;
  kind?: 'info' | 'error' | 'loading';
  level?: 1 | 2;
}) {
  const H = level === 1 ? 'h1' : 'h2';
  return (
    <section class={`status status-${kind}`} role={kind === 'error' ? 'alert' : undefined} aria-busy={kind === 'loading' || undefined}>
      <H class="status-title">{title}</H>
      {children}
    </section>
  );
}
