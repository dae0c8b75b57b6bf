import type { ReactNode } from 'react';

/**
 * One section of Settings: a card with its heading, and the id the section navigation scrolls to.
 * Not a named region: its name ("Payment provider", "Till") would also answer a search by label for
 * the fields inside ("Provider", "Till name"); the heading is what a screen reader jumps by.
 */
export function SettingsSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="card settings__section" tabIndex={-1}>
      <h2>{title}</h2>
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

/**
 * A section's heading inside the one settings form: the sections there share the form (one Save),
 * so a heading starts each, rather than a frame around it.
 */
export function SettingsHeading({ id, title }: { id: string; title: string }) {
  return (
    <h2 id={id} className="settings__heading" tabIndex={-1}>
      {title}
    </h2>
  );
}
