import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/**
 * Validates a document against Skatteverket's XML schema for the SKVFS 2021:16 journal-memory
 * export (test/fixtures/fiscal/: the instance schema, which imports the component schema), with
 * libxml2's validator compiled to WebAssembly (xmllint-wasm: no native build). Answers libxml2's
 * messages; none when the document is valid.
 */
const dir = join(import.meta.dirname, '..', 'fixtures', 'fiscal');
const instance = 'skvfs-2021-16-instans.xsd';
const component = 'skvfs-2021-16-komponent.xsd';

export async function skvfsSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'journalminne.xml', contents: xml }],
    schema: [{ fileName: instance, contents: readFileSync(join(dir, instance), 'utf8') }],
    preload: [{ fileName: component, contents: readFileSync(join(dir, component), 'utf8') }],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
