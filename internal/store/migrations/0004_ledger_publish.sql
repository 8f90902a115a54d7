-- One way to publish a file that leaves the laptop (internal/service/publish.go):
-- every file is staged, recorded here (delivered = 0, its exact bytes kept in
-- content), moved into place, then marked delivered (content dropped). An
-- entry left undelivered by a crash keeps the bytes to write the file again.
-- One file-name convention: file_name is the base name, folder the folder it
-- was written to. Calendars (kind 'calendar') join the ledger.
CREATE TABLE ledger_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	doc_id     TEXT    NOT NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('brief', 'demand', 'export', 'calendar')),
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

-- Packs recorded their full path in file_name: split it into folder and base
-- name (the folder keeps no trailing separator, except a root folder).
INSERT INTO ledger_new(id, doc_id, kind, recipient, copy_no, entity_ids, options, file_name, folder, sha256, by, at)
SELECT id, doc_id, kind, recipient, copy_no, entity_ids, options,
	substr(file_name, length(rtrim(file_name, replace(replace(file_name, '/', ''), '\', ''))) + 1),
	CASE
		WHEN length(rtrim(file_name, replace(replace(file_name, '/', ''), '\', ''))) <= 1
			THEN rtrim(file_name, replace(replace(file_name, '/', ''), '\', ''))
		ELSE substr(rtrim(file_name, replace(replace(file_name, '/', ''), '\', '')), 1,
			length(rtrim(file_name, replace(replace(file_name, '/', ''), '\', ''))) - 1)
	END,
	sha256, by, at
FROM ledger;

DROP TABLE ledger;
ALTER TABLE ledger_new RENAME TO ledger;
CREATE INDEX ledger_at ON ledger(at);
CREATE INDEX ledger_doc ON ledger(doc_id);
CREATE INDEX ledger_undelivered ON ledger(id) WHERE delivered = 0;
