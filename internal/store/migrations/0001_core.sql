-- 0001_core: the register's own bookkeeping.
-- meta holds facts about the register itself (created_at, ...);
-- settings holds the officer's preferences.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
