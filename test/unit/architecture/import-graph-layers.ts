import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { listSources, parseImports, resolveRelative, ROOT } from './import-graph';

/** electron/services/layers.json: the one table ESLint and this check both read. */
export interface LayerRules {
  layers: { name: string; modules: string[] }[];
  onlyUsedBy: Record<string, string[]>;
}

export const SERVICES = 'electron/services';

export function readLayerRules(): LayerRules {
  return JSON.parse(readFileSync(join(ROOT, SERVICES, 'layers.json'), 'utf8')) as LayerRules;
}

/** `electron/services/sales/handlers.ts` → `sales`; `electron/services/log.ts` → `log.ts`; outside → null. */
export function moduleOf(path: string): string | null {
  if (!path.startsWith(`${SERVICES}/`)) return null;
  return path.slice(SERVICES.length + 1).split('/')[0]!;
}

export interface ServiceEdge {
  /** Repository-relative paths. */
  from: string;
  to: string;
}

/**
 * Every import (type-only ones too: a layer must not know the shape of one above it) from a file
 * in electron/services to another file there.
 */
export function serviceImportEdges(): ServiceEdge[] {
  const rel = (file: string) => relative(ROOT, file).split(sep).join('/');
  const edges: ServiceEdge[] = [];
  for (const file of listSources(SERVICES)) {
    for (const edge of parseImports(file)) {
      if (!edge.specifier.startsWith('.')) continue;
      const target = resolveRelative(file, edge.specifier);
      if (target === null) continue; // unresolved: tsc reports it
      const to = rel(target);
      if (to.startsWith(`${SERVICES}/`)) edges.push({ from: rel(file), to });
    }
  }
  return edges;
}

/** Each edge that breaks the rules, as a sentence naming both files and the rule. */
export function layerViolations(edges: readonly ServiceEdge[], rules: LayerRules): string[] {
  const rank = new Map<string, number>();
  rules.layers.forEach((layer, i) => layer.modules.forEach((module) => rank.set(module, i)));
  const layerName = (module: string) => rules.layers[rank.get(module)!]!.name;
  const problems: string[] = [];
  for (const { from, to } of edges) {
    const a = moduleOf(from);
    const b = moduleOf(to);
    if (a === null || b === null || a === b) continue;
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined || rb === undefined) {
      problems.push(`${from} → ${to}: ${ra === undefined ? a : b} is in no layer of ${SERVICES}/layers.json`);
      continue;
    }
    if (rb > ra) problems.push(`${from} → ${to}: ${a} (${layerName(a)}) imports upward, from ${b} (${layerName(b)})`);
    else if (rb === ra) problems.push(`${from} → ${to}: ${a} imports ${b} beside it in the ${layerName(a)} layer`);
    const users = rules.onlyUsedBy[b];
    if (users && !users.includes(a)) problems.push(`${from} → ${to}: only ${users.join(', ')} may use ${b}`);
  }
  return problems;
}
