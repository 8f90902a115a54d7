-- 0005_letters: "more information requested" of an entity. A missing or
-- more-info letter opens a request (what was asked, when, by which letter);
-- what comes back from the entity (an intake for it, see
-- store.CloseInfoRequestsTx) closes every open request of the entity by
-- setting answered_at and answered_with. The letter settings (letterhead and
-- templates) are a JSON value in settings under the key 'letters'.
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
