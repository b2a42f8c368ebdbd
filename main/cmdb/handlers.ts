import type { MethodName } from '../../shared/api';
import type { Handlers } from '../rpc/router';
import type { CmdbService } from './service';

type CmdbMethod = Extract<MethodName, `cmdb.${string}`>;

/** Every cmdb.* call, passing the caller's context to writes so history names actor, request and audit seq. */
export function cmdbHandlers(cmdb: CmdbService): Pick<Handlers, CmdbMethod> {
  return {
    'cmdb.search': (i) => cmdb.search.run(i),
    'cmdb.facets': () => cmdb.search.facets(),
    'cmdb.ci.get': (i) => cmdb.get(i),
    'cmdb.ci.create': (i, ctx) => cmdb.create(i, ctx),
    'cmdb.ci.update': (i, ctx) => cmdb.update(i, ctx),
    'cmdb.ci.delete': (i, ctx) => cmdb.delete(i, ctx),
    'cmdb.ci.bulkUpdate': (i, ctx) => cmdb.bulkUpdate(i, ctx),
    'cmdb.fields.list': () => ({ fields: cmdb.fields.list() }),
    'cmdb.fields.define': (i) => cmdb.defineField(i),
    'cmdb.relations.types': () => ({ types: cmdb.relations.listTypes() }),
    'cmdb.relations.add': (i, ctx) => cmdb.addRelation(i, ctx),
    'cmdb.relations.remove': (i, ctx) => cmdb.removeRelation(i, ctx),
    'cmdb.graph': (i) => cmdb.graph.neighbourhood(i),
    'cmdb.blastRadius': (i) => cmdb.graph.blastRadius(i),
    'cmdb.history': (i) => cmdb.history.list(i),
    'cmdb.views.list': () => ({ views: cmdb.views.list() }),
    'cmdb.views.save': (i) => cmdb.saveView(i),
    'cmdb.views.delete': (i) => (cmdb.views.delete(i.id), { removed: i.id }),
    'cmdb.import.inspect': (i) => cmdb.imports.inspect(i.content, i.delimiter),
    'cmdb.import.preview': (i) => cmdb.previewImport(i),
    'cmdb.import.run': (i, ctx) => cmdb.runImport(i, i.mode, ctx),
    'cmdb.export': (i) => cmdb.imports.export(i.format, i.query),
  };
}
