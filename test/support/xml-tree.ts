import { JSDOM } from 'jsdom';
import { COMPONENT_NAMESPACE, INSTANCE_NAMESPACE, type XmlElement } from '../../shared/domain/journal-memory';

/**
 * Parses a journal-memory export with jsdom's XML parser (saxes: well-formedness is checked, a
 * broken document throws) into the element tree the element rules are written over, by local
 * name. The namespaces are checked on the way: the root in Skatteverket's instance namespace,
 * every other element in its component namespace. Whitespace between elements is layout, not text.
 */
export function parseXmlTree(text: string): XmlElement {
  const { window } = new JSDOM('');
  const doc = new window.DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent ?? ''}`);
  return toTree(doc.documentElement, INSTANCE_NAMESPACE);
}

function toTree(element: Element, namespace: string): XmlElement {
  if (element.namespaceURI !== namespace)
    throw new Error(`${element.localName} is in namespace ${element.namespaceURI ?? 'none'}, not ${namespace}`);
  const children = [...element.children].map((c) => toTree(c, COMPONENT_NAMESPACE));
  const attributes = Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));
  const text = element.textContent ?? '';
  // An empty container (or one holding only line breaks) reads as empty text.
  return { name: element.localName, attributes, children, text: children.length > 0 ? null : text.trim() === '' ? '' : text };
}
