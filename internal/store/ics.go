package store

import (
	"context"
	"fmt"
)

// RecordCalendarExport notes in the register's history that meeting
// meetingID left the register as a calendar file named fileName. Errors:
// apperr.NotFound.
func (db *DB) RecordCalendarExport(ctx context.Context, meetingID int64, fileName, officer string) error {
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		m, err := readMeeting(&tx.Reader, meetingID)
		if err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{At: TimeText(now), By: officer, Action: ActionExport, Field: "meeting.ics",
			New: fileName, Detail: fmt.Sprintf("Meeting %d (%s) exported as a calendar file (no entity names).", meetingID, m.Title)})
	})
}
