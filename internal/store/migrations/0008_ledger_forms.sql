-- 0008_ledger_forms: the RFI form, blank or pre-filled with an entity's
-- answers (atpreg form, the window's "Save RFI form"), leaves the laptop
-- through the one publishing path like every other document, so it joins
-- the ledger as kind 'form'. The table is rebuilt with the wider CHECK,
-- every row and column kept (0007's variants included).
CREATE TABLE ledger_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	doc_id     TEXT    NOT NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('brief', 'demand', 'export', 'calendar', 'letter', 'sheet', 'form')),
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
	at         TEXT    NOT NULL,
	variants   TEXT    NOT NULL DEFAULT ''
) STRICT;

INSERT INTO ledger_new(id, doc_id, kind, recipient, copy_no, entity_ids, options, file_name, folder, sha256, size, delivered, content, by, at, variants)
SELECT id, doc_id, kind, recipient, copy_no, entity_ids, options, file_name, folder, sha256, size, delivered, content, by, at, variants FROM ledger;

DROP TABLE ledger;
ALTER TABLE ledger_new RENAME TO ledger;
CREATE INDEX ledger_at ON ledger(at);
CREATE INDEX ledger_doc ON ledger(doc_id);
CREATE INDEX ledger_undelivered ON ledger(id) WHERE delivered = 0;
