-- 0003_evaluation: evaluations on the RFI's seven aspects, university
-- partners and their conflicts of interest, dialogue meetings with the
-- entities discussed (in order, with minutes per entity) and follow-up
-- actions. Times are TimeText (UTC, fixed width); dates are YYYY-MM-DD.

CREATE TABLE evaluations (
	id             INTEGER PRIMARY KEY,
	entity_id      INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	evaluator      TEXT    NOT NULL,
	date           TEXT    NOT NULL,
	recommendation TEXT    NOT NULL,
	reason         TEXT    NOT NULL DEFAULT '',
	created_at     TEXT    NOT NULL,
	updated_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX evaluations_entity ON evaluations(entity_id);

CREATE TABLE evaluation_scores (
	evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
	aspect        TEXT    NOT NULL,
	score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	note          TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (evaluation_id, aspect)
) STRICT;

CREATE TABLE partners (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	facility   TEXT NOT NULL DEFAULT '',
	address    TEXT NOT NULL DEFAULT '',
	contacts   TEXT NOT NULL DEFAULT '[]', -- JSON array of register.Contact
	notes      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

-- A partner conflicted with an entity: the entity is left out of that
-- partner's briefing packs and meeting materials.
CREATE TABLE conflicts (
	partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
	entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	reason     TEXT    NOT NULL,
	created_at TEXT    NOT NULL,
	created_by TEXT    NOT NULL,
	PRIMARY KEY (partner_id, entity_id)
) STRICT;
CREATE INDEX conflicts_entity ON conflicts(entity_id);

CREATE TABLE meetings (
	id               INTEGER PRIMARY KEY,
	title            TEXT    NOT NULL,
	starts_at        TEXT    NOT NULL,
	duration_minutes INTEGER NOT NULL DEFAULT 90 CHECK (duration_minutes BETWEEN 5 AND 1440),
	place            TEXT    NOT NULL DEFAULT '',
	attendees        TEXT    NOT NULL DEFAULT '[]', -- JSON array of names (HKSTP attendees)
	agenda           TEXT    NOT NULL DEFAULT '',
	minutes          TEXT    NOT NULL DEFAULT '',
	outcome          TEXT    NOT NULL DEFAULT '',
	sequence         INTEGER NOT NULL DEFAULT 0, -- revision, for calendar updates
	created_at       TEXT    NOT NULL,
	updated_at       TEXT    NOT NULL
) STRICT;
CREATE INDEX meetings_starts ON meetings(starts_at);

CREATE TABLE meeting_partners (
	meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	PRIMARY KEY (meeting_id, partner_id)
) STRICT;

CREATE TABLE meeting_entities (
	meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	minutes    TEXT    NOT NULL DEFAULT '', -- minutes for this entity
	PRIMARY KEY (meeting_id, entity_id)
) STRICT;
CREATE INDEX meeting_entities_entity ON meeting_entities(entity_id);

CREATE TABLE meeting_actions (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	text       TEXT    NOT NULL,
	owner      TEXT    NOT NULL DEFAULT '',
	due        TEXT    NOT NULL DEFAULT '',
	done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
) STRICT;
CREATE INDEX meeting_actions_due ON meeting_actions(done, due);

-- Per entity: how many evaluations, and for each aspect the sum and count of
-- its scores, kept by the store on every evaluation write, so that the
-- register's list can show weighted totals without reading every score.
CREATE TABLE evaluation_totals (
	entity_id         INTEGER PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
	evaluations       INTEGER NOT NULL,
	readiness_sum     INTEGER NOT NULL, readiness_n   INTEGER NOT NULL,
	technical_sum     INTEGER NOT NULL, technical_n   INTEGER NOT NULL,
	credibility_sum   INTEGER NOT NULL, credibility_n INTEGER NOT NULL,
	pipeline_sum      INTEGER NOT NULL, pipeline_n    INTEGER NOT NULL,
	investment_sum    INTEGER NOT NULL, investment_n  INTEGER NOT NULL,
	jobs_sum          INTEGER NOT NULL, jobs_n        INTEGER NOT NULL,
	intangibles_sum   INTEGER NOT NULL, intangibles_n INTEGER NOT NULL
) STRICT;
