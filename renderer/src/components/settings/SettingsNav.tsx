import { useEffect, useState, type RefObject } from 'react';

export type SettingsSectionLink = { id: string; title: string };

/**
 * The list of Settings' sections beside them: a link scrolls its section to the top and moves focus
 * there; the section in view is marked (aria-current), so the clerk sees where they are.
 */
export function SettingsNav({
  label,
  sections,
  scroller,
}: {
  label: string;
  sections: readonly SettingsSectionLink[];
  scroller: RefObject<HTMLElement | null>;
}) {
  const current = useSectionInView(sections, scroller);
  return (
    <nav className="settings__nav" aria-label={label}>
      <ul>
        {sections.map(({ id, title }) => (
          <li key={id}>
            <a
              href={`#${id}`}
              className="settings__nav-link"
              aria-current={current === id ? 'location' : undefined}
              onClick={(event) => {
                // Not the browser's hash navigation: the web host's URL carries its token, and a hash
                // change would put every section visit into the history.
                event.preventDefault();
                const target = document.getElementById(id);
                target?.scrollIntoView({ block: 'start' });
                target?.focus({ preventScroll: true });
              }}
            >
              {title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The last section whose top has reached the top of the scrolling area (the first one at the start). */
function useSectionInView(sections: readonly SettingsSectionLink[], scroller: RefObject<HTMLElement | null>): string | undefined {
  const [current, setCurrent] = useState(sections[0]?.id);
  useEffect(() => {
    const area = scroller.current;
    if (!area) return;
    const update = () => {
      const top = area.getBoundingClientRect().top + 24;
      // At the very bottom the last section may never reach the top: it is the one in view then.
      const atEnd = area.scrollTop + area.clientHeight >= area.scrollHeight - 2;
      let found = sections[0]?.id;
      for (const { id } of sections) {
        const element = document.getElementById(id);
        if (element && element.getBoundingClientRect().top <= top) found = id;
      }
      setCurrent(atEnd && area.scrollTop > 0 ? sections.at(-1)?.id : found);
    };
    update();
    area.addEventListener('scroll', update, { passive: true });
    return () => area.removeEventListener('scroll', update);
  }, [sections, scroller]);
  return current;
}
