package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"atpreg/internal/apperr"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one embedded schema step, migrations/NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. File names must be
// NNNN_name.sql with distinct numbers; a malformed set panics at start-up
// (it is a build mistake, caught by the tests).
func migrations() []migration {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		panic(err)
	}
	var ms []migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || rest == "" {
			panic(fmt.Sprintf("store: migration file %q is not named NNNN_name.sql", name))
		}
		if other, dup := seen[v]; dup {
			panic(fmt.Sprintf("store: migrations %q and %q share number %d", other, name, v))
		}
		seen[v] = name
		b, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: strings.TrimSuffix(name, ".sql"), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms
}

// maxMigration returns the highest migration number this binary knows.
func maxMigration() int {
	ms := migrations()
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
) STRICT`

// readSchemaVersion returns the highest applied migration (0 for none).
func (db *DB) readSchemaVersion() (int, error) {
	var n int
	err := db.conn.GetContext(context.Background(), &n,
		`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`)
	if err != nil || n == 0 {
		return 0, err
	}
	var v int
	err = db.conn.GetContext(context.Background(), &v, `SELECT coalesce(max(version), 0) FROM schema_migrations`)
	return v, err
}

// migrate applies the migrations above the register's schema version, each
// in its own journaled transaction. A register from a newer atpreg is refused.
func (db *DB) migrate() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	cur, err := db.readSchemaVersion()
	if err != nil {
		return err
	}
	db.schema = cur
	if cur > maxMigration() {
		return apperr.New(apperr.Conflict, "The register was written by a newer version of atpreg (schema %d; this version knows up to %d). Update atpreg to open it.", cur, maxMigration())
	}
	for _, m := range migrations() {
		if m.version <= cur {
			continue
		}
		err := db.updateLocked(context.Background(), func(tx *Tx) error {
			if _, err := tx.Exec(createMigrationsTable); err != nil {
				return err
			}
			if _, err := tx.Exec(m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			_, err := tx.Exec(`INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, db.opt.now())
			return err
		})
		if err != nil {
			var said *apperr.Error
			if errors.As(err, &said) { // the journal could not be written, ...: said for a person already
				return apperr.Wrap(err, said.Code, "The register could not be upgraded to this version of atpreg (step %d). %s", m.version, said)
			}
			return apperr.Wrap(err, apperr.Internal, "The register could not be upgraded to this version of atpreg (step %d failed inside its database). Nothing was changed; keep the file and tell whoever supports atpreg.", m.version)
		}
		db.schema = m.version
	}
	return nil
}
