package store

import (
	"encoding/json"
	"fmt"

	"atpreg/internal/register"
)

// The demo register also holds evaluations, the university partners with one
// conflict of interest, and dialogue meetings (register.DemoEvaluations,
// DemoPartners, DemoMeetings), each with its own timestamps.
func init() {
	addDemoStep("evaluations", loadDemoEvaluations)
	addDemoStep("partners and meetings", loadDemoPartnersMeetings)
}

func loadDemoEvaluations(tx *Tx, d *DemoData) error {
	for i, ev := range register.DemoEvaluations(d.Seed, d.Entities) {
		ev.Normalize()
		if err := ev.Validate(); err != nil {
			return fmt.Errorf("evaluation %d: %w", i, err)
		}
		if _, err := createEvaluationTx(tx, ev, ev.Evaluator, ev.CreatedAt, ev.UpdatedAt); err != nil {
			return err
		}
	}
	return nil
}

func loadDemoPartnersMeetings(tx *Tx, d *DemoData) error {
	partners := register.DemoPartners()
	register.ShiftDemoPartners(partners, d.Shift)
	for i := range partners {
		p := &partners[i]
		p.Normalize()
		if err := p.Validate(); err != nil {
			return fmt.Errorf("partner %d: %w", i, err)
		}
		contacts, err := json.Marshal(p.Contacts)
		if err != nil {
			return err
		}
		if p.ID, err = createPartnerTx(tx, *p, string(contacts), d.Officer, p.CreatedAt, p.UpdatedAt); err != nil {
			return err
		}
	}
	meetings := register.DemoMeetingRecords(partners, d.Entities)
	register.ShiftDemoMeetings(meetings, d.Shift)
	for i := range meetings {
		m := &meetings[i]
		m.Normalize()
		if err := m.Validate(); err != nil {
			return fmt.Errorf("meeting %d: %w", i, err)
		}
		var err error
		if m.ID, err = createMeetingTx(tx, *m, d.Officer, m.CreatedAt, m.UpdatedAt); err != nil {
			return err
		}
		if i == 0 {
			if err := loadDemoConflict(tx, d, partners, meetings); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadDemoConflict records the demo's conflict of interest
// (register.DemoConflict), right after the first meeting.
func loadDemoConflict(tx *Tx, d *DemoData, partners []register.Partner, meetings []register.MeetingRecord) error {
	if c, ok := register.DemoConflict(partners, meetings); ok {
		if _, err := tx.Exec(`INSERT INTO conflicts(partner_id, entity_id, reason, created_at, created_by) VALUES(?, ?, ?, ?, ?)`,
			c.PartnerID, c.EntityID, c.Reason, c.CreatedAt, d.Officer); err != nil {
			return err
		}
		if err := recordTx(tx, AuditEntry{EntityID: c.EntityID, At: TimeText(c.CreatedAt), By: d.Officer, Action: "conflict", Field: "conflict",
			New: c.Reason, Detail: fmt.Sprintf("Conflict of interest with %s: left out of their briefing packs and meeting materials.", c.PartnerName)}); err != nil {
			return err
		}
	}
	return nil
}
