-- 0002_register: entities, their product submissions (one column per RFI
-- item), the audit trail (history, pipeline moves, tombstones), attachments,
-- the search index and the ledger of exported documents.
--
-- Multi-choice items are JSON arrays of codes; yes/no items are INTEGER NULL
-- (NULL: unanswered). Times are TimeText strings passed in by Go.

CREATE TABLE entities (
	id            INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: tombstones keep old ids
	name          TEXT    NOT NULL CHECK (name <> ''),
	address       TEXT    NOT NULL DEFAULT '',
	contact_name  TEXT    NOT NULL DEFAULT '',
	contact_email TEXT    NOT NULL DEFAULT '',
	contact_phone TEXT    NOT NULL DEFAULT '',
	status        TEXT    NOT NULL,
	received_on   TEXT    NOT NULL DEFAULT '',
	source        TEXT    NOT NULL DEFAULT '',
	notes         TEXT    NOT NULL DEFAULT '',
	tags          TEXT    NOT NULL DEFAULT '[]',
	complete      INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
	missing_count INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT    NOT NULL,
	updated_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE INDEX entities_status ON entities(status, name COLLATE NOCASE);
CREATE INDEX entities_updated ON entities(updated_at);

CREATE TABLE submissions (
	id                       INTEGER PRIMARY KEY AUTOINCREMENT,
	entity_id                INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	position                 INTEGER NOT NULL,
	product_name             TEXT    NOT NULL CHECK (product_name <> ''),
	composition              TEXT    NOT NULL DEFAULT '',
	pharmaceutical_form      TEXT    NOT NULL DEFAULT '',
	therapeutic_indication   TEXT    NOT NULL DEFAULT '',
	routes                   TEXT    NOT NULL DEFAULT '[]',
	route_other              TEXT    NOT NULL DEFAULT '',
	atp_type                 TEXT    NOT NULL DEFAULT '',
	gene_vector              TEXT    NOT NULL DEFAULT '',
	intended_use             TEXT    NOT NULL DEFAULT '',
	intended_use_other       TEXT    NOT NULL DEFAULT '',
	starting_materials       TEXT    NOT NULL DEFAULT '[]',
	starting_materials_other TEXT    NOT NULL DEFAULT '',
	process_type             TEXT    NOT NULL DEFAULT '',
	pd_completed             INTEGER CHECK (pd_completed IN (0, 1)),
	pd_further               TEXT    NOT NULL DEFAULT '',
	gmp_before               INTEGER CHECK (gmp_before IN (0, 1)),
	has_authorized_person    INTEGER CHECK (has_authorized_person IN (0, 1)),
	needs_training           INTEGER CHECK (needs_training IN (0, 1)),
	training_roles           TEXT    NOT NULL DEFAULT '[]',
	training_details         TEXT    NOT NULL DEFAULT '',
	expected_start           TEXT    NOT NULL DEFAULT '',
	notes                    TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX submissions_entity ON submissions(entity_id, position);
CREATE INDEX submissions_atp_type ON submissions(atp_type, entity_id);
CREATE INDEX submissions_intended_use ON submissions(intended_use, entity_id);
CREATE INDEX submissions_process_type ON submissions(process_type, entity_id);

-- The audit trail. entity_id is deliberately not a foreign key: the history
-- of a deleted entity (its tombstone) outlives it.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	entity_id INTEGER NOT NULL,
	at        TEXT    NOT NULL,
	by        TEXT    NOT NULL,
	action    TEXT    NOT NULL,
	field     TEXT    NOT NULL DEFAULT '',
	old       TEXT    NOT NULL DEFAULT '',
	new       TEXT    NOT NULL DEFAULT '',
	detail    TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_entity ON audit(entity_id, at);
CREATE INDEX audit_action ON audit(action, at);

CREATE TABLE attachments (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	name      TEXT    NOT NULL,
	mime      TEXT    NOT NULL,
	size      INTEGER NOT NULL,
	sha256    TEXT    NOT NULL,
	data      BLOB    NOT NULL,
	added_at  TEXT    NOT NULL,
	added_by  TEXT    NOT NULL
) STRICT;

CREATE INDEX attachments_entity ON attachments(entity_id);

-- Everything an entity holds as text, one row per entity (rowid = entity id),
-- kept in sync by the store's Go code on every write. The trigram tokenizer
-- finds substrings of three or more characters, Chinese included.
CREATE VIRTUAL TABLE entity_fts USING fts5(text, tokenize = 'trigram');

-- Words of one or two characters (common in Chinese) are too short for
-- trigrams. entity_grams holds, per entity, every distinct pair of adjacent
-- characters of the same text, each written as U+001F a U+001F b U+001F, so
-- that a pair, or a single character (U+001F a U+001F), is a trigram query.
CREATE VIRTUAL TABLE entity_grams USING fts5(grams, tokenize = 'trigram');

-- Every document that left the register: briefing packs, demand summaries,
-- exports. Who, when, for whom, which entities, and the file's SHA-256.
CREATE TABLE ledger (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	doc_id     TEXT    NOT NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('brief', 'demand', 'export')),
	recipient  TEXT    NOT NULL DEFAULT '',
	copy_no    INTEGER NOT NULL DEFAULT 0,
	entity_ids TEXT    NOT NULL DEFAULT '[]',
	options    TEXT    NOT NULL DEFAULT '{}',
	file_name  TEXT    NOT NULL DEFAULT '',
	sha256     TEXT    NOT NULL DEFAULT '',
	by         TEXT    NOT NULL,
	at         TEXT    NOT NULL
) STRICT;

CREATE INDEX ledger_at ON ledger(at);
CREATE INDEX ledger_doc ON ledger(doc_id);
