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

// demoConflictReason is the fictional conflict of interest of the demo.
const demoConflictReason = "The institute's director holds shares in the entity's parent company (declared 2026-02)."

func loadDemoPartnersMeetings(tx *Tx, d *DemoData) error {
	partners := register.DemoPartners()
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
	for i, rm := range register.DemoMeetings(partners, d.Entities) {
		m := Meeting{Meeting: rm}
		if i == 0 {
			m.EntityMinutes = map[int64]string{}
			for j, id := range m.EntityIDs {
				m.EntityMinutes[id] = demoEntityMinutes[j%len(demoEntityMinutes)]
			}
		}
		m.Normalize()
		if err := m.Validate(); err != nil {
			return fmt.Errorf("meeting %d: %w", i, err)
		}
		if _, err := createMeetingTx(tx, m, d.Officer, m.CreatedAt, m.UpdatedAt); err != nil {
			return err
		}
		// The second partner is conflicted with the second entity of the
		// first meeting: it is left out of that partner's materials.
		if i == 0 && len(partners) > 1 && len(m.EntityIDs) > 1 {
			at := m.CreatedAt
			if _, err := tx.Exec(`INSERT INTO conflicts(partner_id, entity_id, reason, created_at, created_by) VALUES(?, ?, ?, ?, ?)`,
				partners[1].ID, m.EntityIDs[1], demoConflictReason, at, d.Officer); err != nil {
				return err
			}
			if err := recordTx(tx, AuditEntry{EntityID: m.EntityIDs[1], At: TimeText(at), By: d.Officer, Action: "conflict", Field: "conflict",
				New: demoConflictReason, Detail: fmt.Sprintf("Conflict of interest with %s: left out of their briefing packs and meeting materials.", partners[1].Name)}); err != nil {
				return err
			}
		}
	}
	return nil
}

var demoEntityMinutes = []string{
	"Presented the lead product's CMC status; the partner asked for the viral vector supplier's audit report.",
	"Closed-system process fits the grade B suite; technical transfer could start in Q3 2026.",
	"Needs an Authorized Person before GMP runs; joins the pooled training course.",
	"Timeline depends on the Series B round; revisit at the next meeting.",
}
