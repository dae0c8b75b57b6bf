import { describe, expect, it } from 'vitest';
import { listSources } from './import-graph';
import { layerViolations, moduleOf, readLayerRules, serviceImportEdges, SERVICES, type LayerRules } from './import-graph-layers';

const rules = readLayerRules();

describe('layers inside electron/services', () => {
  it('place every module of electron/services in exactly one layer', () => {
    const modules = new Set(listSources(SERVICES).map((file) => moduleOf(file.slice(file.indexOf(`${SERVICES}/`)))!));
    const placed = rules.layers.flatMap((layer) => layer.modules);
    expect(new Set(placed).size).toBe(placed.length);
    expect([...modules].filter((m) => !placed.includes(m))).toEqual([]);
  });

  it('are kept: every import goes to a layer below, and the sandbox only to those allowed to use it', () => {
    const edges = serviceImportEdges();
    expect(edges.length).toBeGreaterThan(100);
    expect(layerViolations(edges, rules)).toEqual([]);
  });
});

describe('the layer check', () => {
  const synthetic: LayerRules = {
    layers: [
      { name: 'bottom', modules: ['log.ts', 'journal', 'sandbox'] },
      { name: 'middle', modules: ['sales', 'catalog'] },
      { name: 'top', modules: ['startup'] },
    ],
    onlyUsedBy: { sandbox: ['startup'] },
  };
  const edge = (from: string, to: string) => ({ from: `${SERVICES}/${from}`, to: `${SERVICES}/${to}` });

  it('accepts imports downward and within a module', () => {
    expect(
      layerViolations(
        [
          edge('startup/start.ts', 'sales/x.ts'),
          edge('sales/x.ts', 'log.ts'),
          edge('sales/x.ts', 'sales/y.ts'),
          edge('startup/a.ts', 'sandbox/s.ts'),
        ],
        synthetic,
      ),
    ).toEqual([]);
  });

  it('catches an upward import, such as the journal reaching into sales', () => {
    expect(layerViolations([edge('journal/checkpoint.ts', 'sales/sale-table.ts')], synthetic)).toEqual([
      `${SERVICES}/journal/checkpoint.ts → ${SERVICES}/sales/sale-table.ts: journal (bottom) imports upward, from sales (middle)`,
    ]);
  });

  it('catches an import beside it in the same layer', () => {
    expect(layerViolations([edge('catalog/a.ts', 'sales/b.ts')], synthetic)).toEqual([
      `${SERVICES}/catalog/a.ts → ${SERVICES}/sales/b.ts: catalog imports sales beside it in the middle layer`,
    ]);
  });

  it('catches a module that is not allowed to use the sandbox, and one placed in no layer', () => {
    expect(layerViolations([edge('sales/x.ts', 'sandbox/server.ts'), edge('newthing/a.ts', 'log.ts')], synthetic)).toEqual([
      `${SERVICES}/sales/x.ts → ${SERVICES}/sandbox/server.ts: only startup may use sandbox`,
      `${SERVICES}/newthing/a.ts → ${SERVICES}/log.ts: newthing is in no layer of ${SERVICES}/layers.json`,
    ]);
  });

  it('finds a real upward import written into the source tree', () => {
    // The graph the check runs on is the real one: an extra edge from the journal into sales fails it.
    const edges = [...serviceImportEdges(), edge('journal/journal.ts', 'sales/sale-machine.ts')];
    expect(layerViolations(edges, rules)).toEqual([
      `${SERVICES}/journal/journal.ts → ${SERVICES}/sales/sale-machine.ts: journal (records and providers) imports upward, from sales (sales)`,
    ]);
  });
});
