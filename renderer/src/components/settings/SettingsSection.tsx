import type { ReactNode } from 'react';

/**
 * One section of Settings: a card with its heading, and the id the section navigation scrolls to.
 * `named` makes it a region named by its heading; a section whose heading is also a field's label
 * ("Shop database") leaves it off, so the label finds the field alone.
 */
export function SettingsSection({
  id,
  title,
  named = true,
  children,
}: {
  id: string;
  title?: string;
  named?: boolean;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} className="card settings__section" tabIndex={-1} aria-labelledby={named && title ? headingId : undefined}>
      {title && <h2 id={headingId}>{title}</h2>}
      {children}
    </section>
  );
}

/** A section drawn by a component that brings its own card and heading: only the place to scroll to. */
export function SettingsAnchor({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="settings__anchor" tabIndex={-1}>
      {children}
    </div>
  );
}
