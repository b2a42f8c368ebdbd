import type { CallOutput, ParsedInput } from '../../../shared/api';
import { OpsError } from '../../../shared/api/errors';
import type { Db } from '../../store/migration';
import type { CiStore } from '../store/ci-store';
import { GraphCache, type GraphIndex } from './adjacency';
import { bfsLazy, neighbourhood } from './traverse';

const ref = (g: GraphIndex, i: number) => ({ id: g.ids[i]!, name: g.names[i]!, type: g.types[i]! });

/** Upstream/downstream and blast radius, answered from the in-memory CSR graph. */
export class GraphQueries {
  private readonly cache: GraphCache;

  constructor(
    db: Db,
    private readonly cis: CiStore,
  ) {
    this.cache = new GraphCache(db);
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  index(): GraphIndex {
    return this.cache.get();
  }

  private root(g: GraphIndex, id: string): number {
    const i = g.index.get(id);
    if (i === undefined) {
      // Not in the graph: either it does not exist, or it is newer than the cached graph.
      if (!this.cis.has(id))
        throw new OpsError('not_found', `There is no CI "${id}"; it may have been deleted.`, { id });
      this.invalidate();
      const again = this.cache.get().index.get(id);
      if (again === undefined) throw new OpsError('not_found', `There is no CI "${id}".`, { id });
      return again;
    }
    return i;
  }

  neighbourhood(input: ParsedInput<'cmdb.graph'>): CallOutput<'cmdb.graph'> {
    let g = this.cache.get();
    const root = this.root(g, input.id);
    g = this.cache.get();
    const n = neighbourhood(g, root, input.direction, input.depth, input.limit);
    return {
      root: ref(g, root),
      nodes: n.nodes.map((x) => ({ ...ref(g, x.node), depth: x.depth })),
      edges: n.edges.map((r) => ({
        id: g.relId(r),
        from: g.ids[g.relFrom[r]!]!,
        to: g.ids[g.relTo[r]!]!,
        type: g.typeNames[g.relType[r]!]!,
      })),
      truncated: n.truncated,
    };
  }

  blastRadius(input: ParsedInput<'cmdb.blastRadius'>): CallOutput<'cmdb.blastRadius'> {
    let g = this.cache.get();
    const root = this.root(g, input.id);
    g = this.cache.get();
    const reached = bfsLazy(g, g.fwd, root, input.maxDepth);
    const shown = Math.min(reached.count, input.limit);
    const impacted = new Array<ReturnType<typeof ref> & { depth: number; via: string }>(shown);
    for (let i = 0; i < shown; i++) {
      const r = reached.at(i);
      impacted[i] = { ...ref(g, r.node), depth: r.depth, via: r.via };
    }
    return { root: ref(g, root), impacted, total: reached.count, truncated: reached.count > input.limit };
  }
}
