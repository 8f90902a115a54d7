package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// DemoSeed is the seed of the demo register's data.
const DemoSeed = 2025

// DemoData is what the demo loader has written so far, for the steps that
// follow (evaluations, partners, meetings refer to the entities' ids).
type DemoData struct {
	Seed     int64
	Officer  string            // who loads the demo (falls back for rows naming nobody)
	Now      time.Time         // the register's clock at loading
	Shift    int               // days the demo's dates move by to read as of Now (register.DemoShift)
	Entities []register.Entity // as inserted, ids set, in register.DemoEntities order
}

// demoStep is one more part of the demo data, run in LoadDemo's transaction
// after the entities and their history.
type demoStep struct {
	name string
	fn   func(tx *Tx, d *DemoData) error
}

var demoSteps []demoStep

// addDemoStep adds a part of the demo data. Areas whose tables come in
// later migrations (evaluations, partners, meetings) call it from an init
// function in their own file of this package; steps run in the order added.
func addDemoStep(name string, fn func(tx *Tx, d *DemoData) error) {
	demoSteps = append(demoSteps, demoStep{name: name, fn: fn})
}

// LoadDemo fills an empty register with the fictional demo data, all in one
// transaction: register.DemoEntities with their pipeline history
// (register.DemoHistory), a sample attachment on a few of them, then every
// added demo step. A register that already holds entities is refused
// (apperr.Conflict) and left unchanged. Every date moves with the register's
// clock (register.DemoShift), so the demo reads as of today. Its signature
// fits app.Config.Demo.
func LoadDemo(ctx context.Context, db *DB, officer string) error {
	now := db.Now()
	d := &DemoData{Seed: DemoSeed, Officer: who(officer), Now: now, Shift: register.DemoShift(now)}
	return db.Update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.Get(&n, `SELECT count(*) FROM entities`); err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "The register already holds %d entities; demo data goes only into a new, empty register. Nothing was changed.", n)
		}
		entities := register.DemoEntities(DemoSeed)
		register.ShiftDemoEntities(entities, d.Shift)
		if err := loadDemoEntities(tx, d, entities); err != nil {
			return err
		}
		for _, s := range demoSteps {
			if err := s.fn(tx, d); err != nil {
				return fmt.Errorf("demo data, %s: %w", s.name, err)
			}
		}
		return nil
	})
}

// loadDemoEntities inserts entities with their history and sets their ids
// in d.Entities.
func loadDemoEntities(tx *Tx, d *DemoData, entities []register.Entity) error {
	for i := range entities {
		e := &entities[i]
		if err := prepare(e); err != nil {
			return fmt.Errorf("demo entity %d: %w", i, err)
		}
		// Its own timestamps, and no creation line: the demo history has one.
		id, err := writeEntityTx(tx, *e, e.CreatedAt, e.UpdatedAt)
		if err != nil {
			return err
		}
		e.ID = id
		for j := range e.Submissions {
			e.Submissions[j].EntityID = id
		}
	}
	for _, c := range register.DemoHistory(entities) {
		a := AuditEntry{EntityID: c.EntityID, At: TimeText(c.At), By: c.By, Action: ActionStatus, Field: "status",
			Old: string(c.From), New: string(c.To), Detail: c.Reason}
		if c.From == "" {
			a.Action = ActionCreate
			if a.Detail == "" {
				a.Detail = "Registered"
			}
		}
		if err := AuditTx(tx, a); err != nil {
			return err
		}
	}
	for i := 0; i < len(entities) && i < 3; i++ {
		if err := attachDemoEmail(tx, entities[i]); err != nil {
			return err
		}
	}
	d.Entities = append(d.Entities, entities...)
	return nil
}

// attachDemoEmail attaches a fictional copy of the entity's submission email.
func attachDemoEmail(tx *Tx, e register.Entity) error {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s <%s>\r\nTo: atp-rfi@hkstp.example.org\r\n", e.ContactName, e.ContactEmail)
	fmt.Fprintf(&b, "Subject: RFI - GMP capacity for ATPs - %s\r\nDate: %s\r\n", e.Name, e.CreatedAt.Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	b.WriteString("Dear HKSTP contact officer,\r\n\r\nPlease find our pre-requisite information for the following products:\r\n")
	for _, s := range e.Submissions {
		fmt.Fprintf(&b, "- %s (%s)\r\n", s.ProductName, s.ATPType.Label())
	}
	fmt.Fprintf(&b, "\r\nKind regards,\r\n%s\r\n%s\r\n(fictional demo data)\r\n", e.ContactName, e.Name)
	data := []byte(b.String())
	sum := sha256.Sum256(data)
	name := "submission-email.eml"
	by := register.DemoOfficer
	at := e.CreatedAt.Add(5 * time.Minute)
	if _, err := tx.Exec(`INSERT INTO attachments(entity_id, name, mime, size, sha256, data, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, name, mimeOf(name, data), len(data), hex.EncodeToString(sum[:]), data, at, by); err != nil {
		return err
	}
	return AuditTx(tx, AuditEntry{EntityID: e.ID, At: TimeText(at), By: by, Action: ActionAttach, Field: "attachments",
		New: name, Detail: fmt.Sprintf("%d bytes, SHA-256 %s", len(data), hex.EncodeToString(sum[:]))})
}
