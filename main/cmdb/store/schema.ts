import type { Migration } from '../../store/migration';

/**
 * The CMDB tables (migration 6).
 *
 * `cmdb_cis.rid` is an INTEGER PRIMARY KEY beside the public text `id`
 * (UNIQUE): an implicit rowid may change on VACUUM, and the FTS index, the
 * tag/field helper tables and the in-memory graph all key on a stable integer.
 *
 * Full text: FTS5 with the unicode61 tokenizer (diacritics folded) and prefix
 * indexes for 2 and 3 characters. Names like `web-01.prod` split into the
 * tokens web / 01 / prod, and every query word becomes a quoted prefix phrase,
 * so `web` finds `web-01` and `web-0` finds it too. Trigram was rejected: it
 * cannot match queries under three characters (`db`, `s3`) and triples the
 * index size.
 *
 * The FTS rows and the tag/field helper rows are written by CiIndex (one
 * place every write path goes through) in the same transaction as the CI row.
 * Not by INSERT/UPDATE triggers: a trigger makes every statement open a
 * statement journal, and FTS5 flushes its pending index at every such
 * savepoint, which made a 100k import ~20× slower. Deletes cascade (tags,
 * fields) or use a trigger (FTS), so no delete path can leave stale rows.
 */
export const cmdbMigrations: Migration[] = [
  {
    version: 6,
    name: 'cmdb',
    up(db) {
      db.exec(`
        CREATE TABLE cmdb_cis (
          rid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL,
          name TEXT NOT NULL,
          description TEXT NOT NULL DEFAULT '',
          owner_team TEXT,
          owner_person TEXT,
          environment TEXT,
          status TEXT NOT NULL,
          criticality TEXT,
          tags TEXT NOT NULL DEFAULT '[]',
          fields TEXT NOT NULL DEFAULT '{}',
          address TEXT,
          port INTEGER,
          user TEXT,
          credential_id TEXT,
          jump_host_id TEXT REFERENCES cmdb_cis(id) ON DELETE SET NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          version INTEGER NOT NULL DEFAULT 1,
          UNIQUE (type, name)
        );
        CREATE INDEX cmdb_cis_name ON cmdb_cis(name);
        CREATE INDEX cmdb_cis_env ON cmdb_cis(environment, name);
        CREATE INDEX cmdb_cis_status ON cmdb_cis(status, name);
        CREATE INDEX cmdb_cis_crit ON cmdb_cis(criticality, name);
        CREATE INDEX cmdb_cis_team ON cmdb_cis(owner_team, name);
        CREATE INDEX cmdb_cis_person ON cmdb_cis(owner_person, name);
        CREATE INDEX cmdb_cis_updated ON cmdb_cis(updated_at);
        CREATE INDEX cmdb_cis_credential ON cmdb_cis(credential_id) WHERE credential_id IS NOT NULL;
        -- not partial: the foreign key's ON DELETE SET NULL looks children up by plain equality
        CREATE INDEX cmdb_cis_jump ON cmdb_cis(jump_host_id);

        CREATE TABLE cmdb_ci_tags (
          ci_rid INTEGER NOT NULL REFERENCES cmdb_cis(rid) ON DELETE CASCADE,
          tag TEXT NOT NULL,
          PRIMARY KEY (ci_rid, tag)
        ) WITHOUT ROWID;
        CREATE INDEX cmdb_ci_tags_tag ON cmdb_ci_tags(tag, ci_rid);

        CREATE TABLE cmdb_ci_fields (
          ci_rid INTEGER NOT NULL REFERENCES cmdb_cis(rid) ON DELETE CASCADE,
          key TEXT NOT NULL,
          text_value TEXT,
          num_value REAL,
          PRIMARY KEY (ci_rid, key)
        ) WITHOUT ROWID;
        CREATE INDEX cmdb_ci_fields_text ON cmdb_ci_fields(key, text_value, ci_rid);
        CREATE INDEX cmdb_ci_fields_num ON cmdb_ci_fields(key, num_value, ci_rid) WHERE num_value IS NOT NULL;

        CREATE VIRTUAL TABLE cmdb_ci_fts USING fts5(
          name, description, tags, fields, address,
          tokenize = 'unicode61 remove_diacritics 2',
          prefix = '2 3'
        );

        -- Rows go with their CI however it is deleted (the service, a bulk delete, a
        -- restore tool), so a reused rid can never inherit a stale FTS row.
        CREATE TRIGGER cmdb_cis_ad AFTER DELETE ON cmdb_cis BEGIN
          DELETE FROM cmdb_ci_fts WHERE rowid = old.rid;
        END;

        CREATE TABLE cmdb_relation_types (
          name TEXT PRIMARY KEY,
          inverse_label TEXT NOT NULL,
          impact TEXT NOT NULL CHECK (impact IN ('to-source', 'to-target', 'both', 'none')),
          builtin INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO cmdb_relation_types (name, inverse_label, impact, builtin) VALUES
          ('depends_on', 'required by', 'to-source', 1),
          ('runs_on', 'runs', 'to-source', 1),
          ('hosted_in', 'hosts', 'to-source', 1),
          ('member_of', 'has member', 'to-target', 1),
          ('backs_up', 'backed up by', 'to-target', 1),
          ('connects_to', 'connected from', 'to-source', 1);

        CREATE TABLE cmdb_relations (
          rid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL REFERENCES cmdb_relation_types(name),
          from_id TEXT NOT NULL REFERENCES cmdb_cis(id) ON DELETE CASCADE,
          to_id TEXT NOT NULL REFERENCES cmdb_cis(id) ON DELETE CASCADE,
          -- the ends' integer rids, written with the ids by one INSERT … SELECT
          -- (neither ever changes), so the graph loads without string lookups
          from_rid INTEGER NOT NULL,
          to_rid INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          UNIQUE (type, from_id, to_id)
        );
        CREATE INDEX cmdb_relations_from ON cmdb_relations(from_id);
        CREATE INDEX cmdb_relations_to ON cmdb_relations(to_id);

        CREATE TABLE cmdb_field_defs (
          key TEXT PRIMARY KEY,
          label TEXT NOT NULL,
          type TEXT NOT NULL,
          options TEXT NOT NULL DEFAULT '[]',
          applies_to TEXT NOT NULL DEFAULT '[]'
        );

        CREATE TABLE cmdb_ci_history (
          id INTEGER PRIMARY KEY,
          ci_id TEXT NOT NULL,
          ci_name TEXT NOT NULL,
          time INTEGER NOT NULL,
          actor TEXT NOT NULL,
          request_id TEXT NOT NULL,
          op TEXT NOT NULL,
          before TEXT,
          after TEXT,
          audit_seq INTEGER
        );
        CREATE INDEX cmdb_ci_history_ci ON cmdb_ci_history(ci_id, id);

        CREATE TABLE cmdb_saved_views (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          query TEXT NOT NULL,
          columns TEXT NOT NULL,
          sort TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
      `);
    },
  },
];
