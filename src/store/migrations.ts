// Schema migrations of the SQLite workspace, versioned in code. Migration n brings a workspace
// from user_version n-1 to n; they run in order inside one transaction when a workspace is opened.
// Never edit a published migration: add the next one.

/** `PRAGMA application_id` of a tyl workspace ("tyl1"). */
export const TYL_APPLICATION_ID = 0x74796c31;

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents, paragraphs with FTS5 index, mentions, claims, runs, append-only change log',
    sql: `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('markdown', 'text', 'html')),
  title TEXT, author TEXT, date TEXT, description TEXT,
  meta TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  gazetteer_hash TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  version INTEGER NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE TABLE paragraphs (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section TEXT NOT NULL,
  heading TEXT NOT NULL,
  paragraph INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  line INTEGER NOT NULL,
  hash TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (document_id, section, paragraph)
);
CREATE INDEX paragraphs_ord ON paragraphs (document_id, ord);
CREATE VIRTUAL TABLE paragraph_fts USING fts5(
  text, heading, content = 'paragraphs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN
  INSERT INTO paragraph_fts (rowid, text, heading) VALUES (new.id, new.text, new.heading);
END;
CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN
  INSERT INTO paragraph_fts (paragraph_fts, rowid, text, heading) VALUES ('delete', old.id, old.text, old.heading);
END;
CREATE TRIGGER paragraphs_au AFTER UPDATE OF text, heading ON paragraphs BEGIN
  INSERT INTO paragraph_fts (paragraph_fts, rowid, text, heading) VALUES ('delete', old.id, old.text, old.heading);
  INSERT INTO paragraph_fts (rowid, text, heading) VALUES (new.id, new.text, new.heading);
END;
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section TEXT NOT NULL,
  paragraph INTEGER NOT NULL,
  entity TEXT,
  name TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL
);
CREATE INDEX mentions_document ON mentions (document_id);
CREATE INDEX mentions_entity ON mentions (entity);
CREATE TABLE claims (
  id TEXT PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section TEXT NOT NULL,
  paragraph INTEGER NOT NULL,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  -- the sentence is read from the paragraph; kept here once a decision is recorded
  sentence TEXT,
  type TEXT NOT NULL,
  from_entity TEXT NOT NULL,
  to_entity TEXT NOT NULL,
  confidence REAL NOT NULL,
  trigger TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  decided_at TEXT, decided_by TEXT, reason TEXT, written_to TEXT
);
CREATE INDEX claims_document ON claims (document_id);
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  model TEXT,
  seed INTEGER,
  created_at TEXT NOT NULL,
  parameters TEXT NOT NULL,
  result TEXT NOT NULL
);
CREATE INDEX runs_kind ON runs (kind, created_at);
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX changes_target ON changes (target);
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes BEGIN
  SELECT RAISE(ABORT, 'the change log is append-only');
END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes BEGIN
  SELECT RAISE(ABORT, 'the change log is append-only');
END;
`,
  },
  {
    version: 2,
    description:
      'the store indexes new paragraphs in FTS5 itself instead of an insert trigger (a statement inside a trigger makes FTS5 flush its buffer for every row)',
    sql: `
DROP TRIGGER paragraphs_ai;
`,
  },
  {
    version: 3,
    description:
      'mentions indexed by (document, entity) instead of by entity alone: rows of one document go into one run of the index instead of random places (half the cost of writing mentions); entity lookups seek it once per document',
    sql: `
DROP INDEX mentions_entity;
DROP INDEX mentions_document;
CREATE INDEX mentions_document_entity ON mentions (document_id, entity);
`,
  },
];

/** The schema version this build of tyl writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
