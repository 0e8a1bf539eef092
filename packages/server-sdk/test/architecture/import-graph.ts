import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/** A module of the SDK's source and the modules it imports (relative specifiers only). */
export interface ModuleImports { file: string; imports: string[] }

/** Every `.ts` module under `root` with the files it imports, type-only imports included. */
export function readImports(root: string): ModuleImports[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(root);
  const specifier = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  return files.map((path) => {
    const source = readFileSync(path, 'utf8');
    const imports = [...source.matchAll(specifier)].map((m) => {
      const target = normalize(join(dirname(path), (m[1] ?? m[2])!)).replace(/\.js$/, '.ts');
      return relative(root, target);
    });
    return { file: relative(root, path), imports };
  });
}

/** The unit the rules speak of: a top-level folder (`two-factor`), or a file at the root (`latch.ts`). */
export function unitOf(file: string): string {
  const [first, ...rest] = file.split(sep);
  return rest.length === 0 ? first! : `${first}/`;
}

/** Edges between units, each with one example import that makes it. */
export function unitGraph(modules: ModuleImports[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const { file, imports } of modules) {
    const from = unitOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const target of imports) {
      const to = unitOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${file} → ${target}`);
    }
  }
  return graph;
}

/** Strongly connected groups of more than one unit (Tarjan), i.e. the cycles. */
export function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const group: string[] = [];
      let member: string;
      do { member = stack.pop()!; onStack.delete(member); group.push(member); } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}
