package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Meeting is a dialogue meeting as the register keeps it. Deprecated: use
// register.MeetingRecord; the alias stays while other areas move.
type Meeting = register.MeetingRecord

// DefaultMeetingMinutes is a meeting's length when none is given.
// Deprecated: use register.DefaultMeetingMinutes.
const DefaultMeetingMinutes = register.DefaultMeetingMinutes

type meetingRow struct {
	ID        int64  `db:"id"`
	Title     string `db:"title"`
	StartsAt  string `db:"starts_at"`
	Duration  int    `db:"duration_minutes"`
	Place     string `db:"place"`
	Attendees string `db:"attendees"`
	Agenda    string `db:"agenda"`
	Minutes   string `db:"minutes"`
	Outcome   string `db:"outcome"`
	Sequence  int    `db:"sequence"`
	CreatedAt string `db:"created_at"`
	UpdatedAt string `db:"updated_at"`
}

// meetingAction is the audit action of meeting changes. Changes to the
// meeting itself have entity_id 0; adding, removing and minutes of an entity
// are recorded on the entity.
const meetingAction = "meeting"

// CreateMeeting validates m and stores it as a new meeting, recorded in the
// audit trail (and on each entity on its list). Statuses are not changed: see
// AddEntityToMeeting. Errors: apperr.Invalid, apperr.NotFound (a partner or
// entity that is not in the register).
func (db *DB) CreateMeeting(ctx context.Context, m Meeting, officer string) (int64, error) {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return 0, err
	}
	now := db.opt.now()
	var id int64
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		id, err = createMeetingTx(tx, m, officer, now, now)
		return err
	})
	return id, err
}

// createMeetingTx inserts a validated meeting inside tx.
func createMeetingTx(tx *Tx, m Meeting, officer string, created, updated time.Time) (int64, error) {
	attendees, _ := json.Marshal(m.Attendees)
	var id int64
	if err := tx.Get(&id, `INSERT INTO meetings(title, starts_at, duration_minutes, place, attendees, agenda, minutes, outcome, sequence, created_at, updated_at)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id`,
		m.Title, m.StartsAt, m.DurationMinutes, m.Place, string(attendees), m.Agenda, m.Minutes, m.Outcome, created, updated); err != nil {
		return 0, err
	}
	m.ID = id
	if err := writeMeetingLists(tx, m); err != nil {
		return 0, err
	}
	at := TimeText(created)
	if err := recordTx(tx, AuditEntry{At: at, By: officer, Action: meetingAction, Field: "meeting", New: m.Title,
		Detail: fmt.Sprintf("Meeting %d planned for %s.", id, m.StartsAt.Format("2006-01-02 15:04"))}); err != nil {
		return 0, err
	}
	for _, eid := range m.EntityIDs {
		if err := recordTx(tx, AuditEntry{EntityID: eid, At: at, By: officer, Action: meetingAction, Field: "meeting",
			New: m.Title, Detail: fmt.Sprintf("Added to meeting %d.", id)}); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// writeMeetingLists replaces the meeting's partners, entities (with minutes)
// and actions, checking that partners and entities exist.
func writeMeetingLists(tx *Tx, m Meeting) error {
	for _, q := range []string{`DELETE FROM meeting_partners WHERE meeting_id = ?`, `DELETE FROM meeting_entities WHERE meeting_id = ?`, `DELETE FROM meeting_actions WHERE meeting_id = ?`} {
		if _, err := tx.Exec(q, m.ID); err != nil {
			return err
		}
	}
	for i, pid := range m.PartnerIDs {
		if _, err := readPartner(&tx.Reader, pid); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO meeting_partners(meeting_id, partner_id, position) VALUES(?, ?, ?)`, m.ID, pid, i); err != nil {
			return err
		}
	}
	for i, eid := range m.EntityIDs {
		if _, err := entityName(&tx.Reader, eid); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO meeting_entities(meeting_id, entity_id, position, minutes) VALUES(?, ?, ?, ?)`, m.ID, eid, i, m.EntityMinutes[eid]); err != nil {
			return err
		}
	}
	for i, a := range m.Actions {
		if _, err := tx.Exec(`INSERT INTO meeting_actions(meeting_id, position, text, owner, due, done) VALUES(?, ?, ?, ?, ?, ?)`,
			m.ID, i, a.Text, a.Owner, a.Due, a.Done); err != nil {
			return err
		}
	}
	return nil
}

// UpdateMeeting validates m and replaces meeting m.ID with it (lists
// included), recording each changed field in the audit trail, and additions,
// removals and minutes on the entities concerned. Errors: apperr.Invalid,
// apperr.NotFound.
func (db *DB) UpdateMeeting(ctx context.Context, m Meeting, officer string) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		old, err := readMeeting(&tx.Reader, m.ID)
		if err != nil {
			return err
		}
		entries := meetingChanges(old, m)
		if len(entries) == 0 {
			return nil
		}
		attendees, _ := json.Marshal(m.Attendees)
		if _, err := tx.Exec(`UPDATE meetings SET title = ?, starts_at = ?, duration_minutes = ?, place = ?, attendees = ?, agenda = ?,
			minutes = ?, outcome = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`,
			m.Title, m.StartsAt, m.DurationMinutes, m.Place, string(attendees), m.Agenda, m.Minutes, m.Outcome, now, m.ID); err != nil {
			return err
		}
		if err := writeMeetingLists(tx, m); err != nil {
			return err
		}
		for _, e := range entries {
			e.At, e.By, e.Action = TimeText(now), officer, meetingAction
			if err := recordTx(tx, e); err != nil {
				return err
			}
		}
		return nil
	})
}

// meetingChanges lists the audit entries that turn old into m.
func meetingChanges(old, m Meeting) []AuditEntry {
	var out []AuditEntry
	detail := fmt.Sprintf("Meeting %d (%s) changed.", m.ID, m.Title)
	field := func(name, o, n string) {
		if o != n {
			out = append(out, AuditEntry{Field: "meeting." + name, Old: o, New: n, Detail: detail})
		}
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	field("title", old.Title, m.Title)
	field("starts_at", old.StartsAt.UTC().Format("2006-01-02T15:04Z"), m.StartsAt.UTC().Format("2006-01-02T15:04Z"))
	field("duration_minutes", fmt.Sprint(old.DurationMinutes), fmt.Sprint(m.DurationMinutes))
	field("place", old.Place, m.Place)
	field("partner_ids", js(old.PartnerIDs), js(m.PartnerIDs))
	field("attendees", js(old.Attendees), js(m.Attendees))
	field("entity_ids", js(old.EntityIDs), js(m.EntityIDs))
	field("agenda", old.Agenda, m.Agenda)
	field("minutes", old.Minutes, m.Minutes)
	field("outcome", old.Outcome, m.Outcome)
	field("actions", js(old.Actions), js(m.Actions))
	for _, id := range old.EntityIDs {
		if !slices.Contains(m.EntityIDs, id) {
			out = append(out, AuditEntry{EntityID: id, Field: "meeting", Old: old.Title, Detail: fmt.Sprintf("Removed from meeting %d.", m.ID)})
		}
	}
	for _, id := range m.EntityIDs {
		if !slices.Contains(old.EntityIDs, id) {
			out = append(out, AuditEntry{EntityID: id, Field: "meeting", New: m.Title, Detail: fmt.Sprintf("Added to meeting %d.", m.ID)})
		} else if old.EntityMinutes[id] != m.EntityMinutes[id] {
			out = append(out, AuditEntry{EntityID: id, Field: "meeting.minutes", Old: old.EntityMinutes[id], New: m.EntityMinutes[id],
				Detail: fmt.Sprintf("Minutes of meeting %d (%s) changed.", m.ID, m.Title)})
		}
	}
	return out
}

// DeleteMeeting removes meeting id with its lists and actions, recorded in
// the audit trail. Errors: apperr.NotFound.
func (db *DB) DeleteMeeting(ctx context.Context, id int64, officer string) error {
	_, err := db.DeleteMeetingUndoable(ctx, id, officer)
	return err
}

// DeleteMeetingUndoable is DeleteMeeting, returning what it took away for
// Restore.
func (db *DB) DeleteMeetingUndoable(ctx context.Context, id int64, officer string) (Deleted, error) {
	now := db.opt.now()
	var d Deleted
	err := db.Update(ctx, func(tx *Tx) error {
		old, err := readMeeting(&tx.Reader, id)
		if err != nil {
			return err
		}
		d = Deleted{kind: deletedMeeting, id: id, label: old.Title, entities: slices.Clone(old.EntityIDs)}
		if err := deleteKeepingTx(tx, &d, "meetings", `id = ?`, id); err != nil {
			return err
		}
		at := TimeText(now)
		if err := recordTx(tx, AuditEntry{At: at, By: officer, Action: meetingAction, Field: "meeting", Old: old.Title,
			Detail: fmt.Sprintf("Meeting %d deleted.", id)}); err != nil {
			return err
		}
		for _, eid := range old.EntityIDs {
			if err := recordTx(tx, AuditEntry{EntityID: eid, At: at, By: officer, Action: meetingAction, Field: "meeting",
				Old: old.Title, Detail: fmt.Sprintf("Meeting %d deleted.", id)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Deleted{}, err
	}
	return d, nil
}

// GetMeeting returns meeting id with its partners, entities in order, minutes
// per entity and actions. Errors: apperr.NotFound.
func (db *DB) GetMeeting(ctx context.Context, id int64) (Meeting, error) {
	var m Meeting
	err := db.View(ctx, func(r *Reader) error {
		var err error
		m, err = readMeeting(r, id)
		return err
	})
	return m, err
}

func readMeeting(r *Reader, id int64) (Meeting, error) {
	var row meetingRow
	err := r.Get(&row, `SELECT * FROM meetings WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Meeting{}, apperr.New(apperr.NotFound, "Meeting %d is not in the register (it may have been deleted).", id)
	}
	if err != nil {
		return Meeting{}, err
	}
	m := row.meeting()
	if err := r.Select(&m.PartnerIDs, `SELECT partner_id FROM meeting_partners WHERE meeting_id = ? ORDER BY position`, id); err != nil {
		return Meeting{}, err
	}
	var ents []struct {
		EntityID int64  `db:"entity_id"`
		Minutes  string `db:"minutes"`
	}
	if err := r.Select(&ents, `SELECT entity_id, minutes FROM meeting_entities WHERE meeting_id = ? ORDER BY position`, id); err != nil {
		return Meeting{}, err
	}
	for _, e := range ents {
		m.EntityIDs = append(m.EntityIDs, e.EntityID)
		if e.Minutes != "" {
			m.EntityMinutes[e.EntityID] = e.Minutes
		}
	}
	var acts []struct {
		Text  string `db:"text"`
		Owner string `db:"owner"`
		Due   string `db:"due"`
		Done  bool   `db:"done"`
	}
	if err := r.Select(&acts, `SELECT text, owner, due, done FROM meeting_actions WHERE meeting_id = ? ORDER BY position`, id); err != nil {
		return Meeting{}, err
	}
	for _, a := range acts {
		m.Actions = append(m.Actions, register.Action{Text: a.Text, Owner: a.Owner, Due: a.Due, Done: a.Done})
	}
	return m, nil
}

func (row meetingRow) meeting() Meeting {
	m := Meeting{
		Meeting: register.Meeting{
			ID: row.ID, Title: row.Title, Place: row.Place, Agenda: row.Agenda, Minutes: row.Minutes, Outcome: row.Outcome,
			PartnerIDs: []int64{}, EntityIDs: []int64{}, Actions: []register.Action{}, Attendees: []string{},
		},
		DurationMinutes: row.Duration,
		EntityMinutes:   map[int64]string{},
		Sequence:        row.Sequence,
	}
	m.StartsAt, _ = ParseTime(row.StartsAt)
	m.CreatedAt, _ = ParseTime(row.CreatedAt)
	m.UpdatedAt, _ = ParseTime(row.UpdatedAt)
	_ = json.Unmarshal([]byte(row.Attendees), &m.Attendees)
	if m.Attendees == nil {
		m.Attendees = []string{}
	}
	return m
}

// Meetings returns every meeting, soonest last (newest start first), with
// their lists.
func (db *DB) Meetings(ctx context.Context) ([]Meeting, error) {
	out := []Meeting{}
	err := db.View(ctx, func(r *Reader) error {
		var ids []int64
		if err := r.Select(&ids, `SELECT id FROM meetings ORDER BY starts_at DESC, id DESC`); err != nil {
			return err
		}
		for _, id := range ids {
			m, err := readMeeting(r, id)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

// EntityMeetings returns the ids of the meetings that discuss entity id,
// earliest first.
func (db *DB) EntityMeetings(ctx context.Context, entityID int64) ([]int64, error) {
	out := []int64{}
	err := db.View(ctx, func(r *Reader) error {
		return r.Select(&out, `SELECT m.id FROM meetings m JOIN meeting_entities me ON me.meeting_id = m.id
			WHERE me.entity_id = ? ORDER BY m.starts_at, m.id`, entityID)
	})
	return out, err
}

// MeetingConflicts returns the conflicts of interest between the meeting's
// partners and the entities on its list: each such entity is left out of
// that partner's meeting materials.
func (db *DB) MeetingConflicts(ctx context.Context, meetingID int64) ([]Conflict, error) {
	out := []Conflict{}
	err := db.View(ctx, func(r *Reader) error {
		var err error
		out, err = selectConflicts(r, `
			JOIN meeting_partners mp ON mp.partner_id = c.partner_id AND mp.meeting_id = ?
			JOIN meeting_entities me ON me.entity_id = c.entity_id AND me.meeting_id = ?
			ORDER BY me.position, mp.position`, meetingID, meetingID)
		return err
	})
	return out, err
}

// AddEntityToMeeting appends entity to meeting's list (nothing happens if it
// is already there). With moveStatus, the officer has confirmed that the
// entity moves on in the pipeline (see register.DialogueMove) in the same
// transaction, recorded as a status change with the meeting as reason; it
// returns the new status ("" when the status was not changed). Errors:
// apperr.NotFound, apperr.Conflict (moveStatus but no move applies).
func (db *DB) AddEntityToMeeting(ctx context.Context, meetingID, entityID int64, moveStatus bool, officer string) (register.Status, error) {
	now := db.opt.now()
	var moved register.Status
	err := db.Update(ctx, func(tx *Tx) error {
		m, err := readMeeting(&tx.Reader, meetingID)
		if err != nil {
			return err
		}
		var cur struct {
			Name   string `db:"name"`
			Status string `db:"status"`
		}
		if err := tx.Get(&cur, `SELECT name, status FROM entities WHERE id = ?`, entityID); errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "Entity %d is not in the register (it may have been deleted).", entityID)
		} else if err != nil {
			return err
		}
		at := TimeText(now)
		if !slices.Contains(m.EntityIDs, entityID) {
			if _, err := tx.Exec(`INSERT INTO meeting_entities(meeting_id, entity_id, position, minutes)
				VALUES(?, ?, (SELECT coalesce(max(position), -1) + 1 FROM meeting_entities WHERE meeting_id = ?), '')`,
				meetingID, entityID, meetingID); err != nil {
				return err
			}
			if _, err := tx.Exec(`UPDATE meetings SET sequence = sequence + 1, updated_at = ? WHERE id = ?`, now, meetingID); err != nil {
				return err
			}
			if err := recordTx(tx, AuditEntry{EntityID: entityID, At: at, By: officer, Action: meetingAction, Field: "meeting",
				New: m.Title, Detail: fmt.Sprintf("Added to meeting %d.", meetingID)}); err != nil {
				return err
			}
		}
		if !moveStatus {
			return nil
		}
		from := register.Status(cur.Status)
		to := register.DialogueMove(from)
		if to == "" {
			return apperr.New(apperr.Conflict, "%s is %s; adding it to a meeting does not move it on. It was not added.", cur.Name, apperr.Lower(from))
		}
		reason := fmt.Sprintf("Added to meeting %q on %s.", m.Title, m.StartsAt.Format("2006-01-02"))
		if err := MoveEntityTx(tx, entityID, to, reason, officer, now); err != nil {
			return err
		}
		moved = to
		return nil
	})
	return moved, err
}

// RemoveEntityFromMeeting takes entity off meeting's list (with its
// minutes), recorded on the entity. Errors: apperr.NotFound.
func (db *DB) RemoveEntityFromMeeting(ctx context.Context, meetingID, entityID int64, officer string) error {
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		m, err := readMeeting(&tx.Reader, meetingID)
		if err != nil {
			return err
		}
		if !slices.Contains(m.EntityIDs, entityID) {
			return apperr.New(apperr.NotFound, "This entity is not on the meeting's list.")
		}
		if _, err := tx.Exec(`DELETE FROM meeting_entities WHERE meeting_id = ? AND entity_id = ?`, meetingID, entityID); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE meetings SET sequence = sequence + 1, updated_at = ? WHERE id = ?`, now, meetingID); err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{EntityID: entityID, At: TimeText(now), By: officer, Action: meetingAction, Field: "meeting",
			Old: m.Title, New: "", Detail: fmt.Sprintf("Removed from meeting %d.", meetingID)})
	})
}
