import { JSDOM } from 'jsdom';
import type { XmlElement } from '../../shared/domain/journal-memory';

/**
 * Parses XML with jsdom's XML parser (saxes: well-formedness is checked, a broken document throws)
 * into the element tree the journal-memory schema is written over. Whitespace between elements
 * is layout, not text.
 */
export function parseXmlTree(text: string): XmlElement {
  const { window } = new JSDOM('');
  const doc = new window.DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent ?? ''}`);
  return toTree(doc.documentElement);
}

function toTree(element: Element): XmlElement {
  const children = [...element.children].map(toTree);
  const attributes = Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));
  const text = element.textContent ?? '';
  // An empty container (`<Rader/>`, or one holding only line breaks) reads as empty text.
  return { name: element.tagName, attributes, children, text: children.length > 0 ? null : text.trim() === '' ? '' : text };
}
