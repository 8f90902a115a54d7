-- 0006_sheets: the evaluation panel (issue 14). Evaluators are kept in
-- Settings (name, role, email); a conflict of interest between an
-- evaluator and an entity keeps the entity off that evaluator's sheets (as
-- partners' conflicts keep it out of their packs). Each evaluation sheet
-- sent is tracked: its document id (the ledger's), the evaluator, the
-- entities on it (JSON array of ids), when it was sent, when it is due and
-- when it came back. Sheets join the ledger as kind 'sheet'.
--
-- Numbered 0006: the letters branch adds 0005 (info_requests, ledger kind
-- 'letter'). The ledger's CHECK below already allows 'letter' too, so that
-- whichever order the two land in, neither narrows the other's kinds.
CREATE TABLE evaluators (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL DEFAULT '',
	email      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX evaluators_name ON evaluators(name COLLATE NOCASE);

CREATE TABLE evaluator_conflicts (
	evaluator_id INTEGER NOT NULL REFERENCES evaluators(id) ON DELETE CASCADE,
	entity_id    INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	reason       TEXT    NOT NULL,
	created_at   TEXT    NOT NULL,
	created_by   TEXT    NOT NULL,
	PRIMARY KEY (evaluator_id, entity_id)
) STRICT;
CREATE INDEX evaluator_conflicts_entity ON evaluator_conflicts(entity_id);

CREATE TABLE sheets (
	id           INTEGER PRIMARY KEY,
	doc_id       TEXT    NOT NULL UNIQUE,
	evaluator_id INTEGER NOT NULL REFERENCES evaluators(id) ON DELETE CASCADE,
	entity_ids   TEXT    NOT NULL DEFAULT '[]',
	sent_at      TEXT    NOT NULL,
	due          TEXT    NOT NULL DEFAULT '',
	returned_at  TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sheets_evaluator ON sheets(evaluator_id, sent_at);
CREATE INDEX sheets_out ON sheets(due) WHERE returned_at = '';

CREATE TABLE ledger_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	doc_id     TEXT    NOT NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('brief', 'demand', 'export', 'calendar', 'letter', 'sheet')),
	recipient  TEXT    NOT NULL DEFAULT '',
	copy_no    INTEGER NOT NULL DEFAULT 0,
	entity_ids TEXT    NOT NULL DEFAULT '[]',
	options    TEXT    NOT NULL DEFAULT '{}',
	file_name  TEXT    NOT NULL DEFAULT '',
	folder     TEXT    NOT NULL DEFAULT '',
	sha256     TEXT    NOT NULL DEFAULT '',
	size       INTEGER NOT NULL DEFAULT 0,
	delivered  INTEGER NOT NULL DEFAULT 1 CHECK (delivered IN (0, 1)),
	content    BLOB,
	by         TEXT    NOT NULL,
	at         TEXT    NOT NULL
) STRICT;

INSERT INTO ledger_new(id, doc_id, kind, recipient, copy_no, entity_ids, options, file_name, folder, sha256, size, delivered, content, by, at)
SELECT id, doc_id, kind, recipient, copy_no, entity_ids, options, file_name, folder, sha256, size, delivered, content, by, at FROM ledger;

DROP TABLE ledger;
ALTER TABLE ledger_new RENAME TO ledger;
CREATE INDEX ledger_at ON ledger(at);
CREATE INDEX ledger_doc ON ledger(doc_id);
CREATE INDEX ledger_undelivered ON ledger(id) WHERE delivered = 0;
