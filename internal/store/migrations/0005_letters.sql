-- 0005_letters: "more information requested" of an entity. A missing or
-- more-info letter opens a request (what was asked, when, by which letter);
-- what comes back from the entity (an intake for it, see
-- store.CloseInfoRequestsTx) closes every open request of the entity by
-- setting answered_at and answered_with. The letter settings (letterhead and
-- templates) are a JSON value in settings under the key 'letters'.
-- Letters join the ledger as kind 'letter' (below).
CREATE TABLE info_requests (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	entity_id     INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	kind          TEXT    NOT NULL CHECK (kind IN ('missing', 'more-info')),
	asked         TEXT    NOT NULL DEFAULT '',
	doc_id        TEXT    NOT NULL DEFAULT '',
	asked_at      TEXT    NOT NULL,
	asked_by      TEXT    NOT NULL,
	answered_at   TEXT,
	answered_with TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX info_requests_entity ON info_requests(entity_id, asked_at);
CREATE INDEX info_requests_open ON info_requests(asked_at) WHERE answered_at IS NULL;

-- Letters join the ledger (kind 'letter'): the table is rebuilt with the
-- wider CHECK, every row and column kept.
CREATE TABLE ledger_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	doc_id     TEXT    NOT NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('brief', 'demand', 'export', 'calendar', 'letter')),
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
