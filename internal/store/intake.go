package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"atpreg/internal/apperr"
)

// ActionIntake is the audit action of an intake: one line per entity and
// file taken in (Field "file", New the file's name, Detail the email's
// subject, Message-ID and the file's SHA-256). A line with Field
// "message_id" holds the email's Message-ID in New, so that the same email
// (as .eml or .msg) is known again.
const ActionIntake = "intake"

// Content is a file's bytes with their SHA-256, computed once (NewContent):
// an intake reports and looks files up by their sum before it keeps them
// (AddAttachmentTx), and a 10 MB email is then hashed once, not three times.
type Content struct {
	data []byte
	sum  string
}

// NewContent returns data with its SHA-256. data must not change afterwards.
func NewContent(data []byte) Content {
	s := sha256.Sum256(data)
	return Content{data: data, sum: hex.EncodeToString(s[:])}
}

// Data returns the bytes.
func (c Content) Data() []byte { return c.data }

// SHA256 returns the bytes' SHA-256 (hex).
func (c Content) SHA256() string { return c.sum }

// AddAttachmentTx is AddAttachment inside tx at time now: for an intake
// that keeps an email and its attachments with the entity, all or none.
// detail is added to the history line (e.g. "from the email ...").
func AddAttachmentTx(tx *Tx, entityID int64, name string, c Content, by string, now time.Time, detail string) (AttachmentInfo, error) {
	name, err := cleanFileName(name)
	if err != nil {
		return AttachmentInfo{}, err
	}
	data := c.data
	if len(data) == 0 {
		return AttachmentInfo{}, apperr.New(apperr.Invalid, "The file %s is empty; nothing was attached.", name).
			With(apperr.Field("data", "The file is empty."))
	}
	if err := CheckAttachmentSize(name, int64(len(data))); err != nil {
		return AttachmentInfo{}, err
	}
	info := AttachmentInfo{EntityID: entityID, Name: name, Mime: mimeOf(name, data), Size: int64(len(data)),
		SHA256: c.sum, AddedAt: TimeText(now), AddedBy: who(by)}
	res, err := tx.Exec(`INSERT INTO attachments(entity_id, name, mime, size, sha256, data, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		entityID, info.Name, info.Mime, info.Size, info.SHA256, data, info.AddedAt, info.AddedBy)
	if err != nil {
		return AttachmentInfo{}, err
	}
	if info.ID, err = res.LastInsertId(); err != nil {
		return AttachmentInfo{}, err
	}
	d := fmt.Sprintf("%d bytes, SHA-256 %s", info.Size, info.SHA256)
	if detail != "" {
		d += ", " + detail
	}
	_, err = auditTx(tx, AuditEntry{EntityID: entityID, At: info.AddedAt, By: info.AddedBy, Action: ActionAttach,
		Field: "attachments", New: info.Name, Detail: d})
	return info, err
}

// AttachmentHolders returns the entities that hold an attachment with the
// SHA-256 sum (hex), oldest attachment first.
func AttachmentHolders(r *Reader, sum string) ([]int64, error) {
	var ids []int64
	err := r.Select(&ids, `SELECT entity_id FROM attachments WHERE sha256 = ? GROUP BY entity_id ORDER BY min(id)`, sum)
	return ids, err
}

// EntityHasAttachment reports whether the entity holds an attachment with
// the SHA-256 sum (hex).
func EntityHasAttachment(r *Reader, entityID int64, sum string) (bool, error) {
	var n int
	err := r.Get(&n, `SELECT count(*) FROM attachments WHERE entity_id = ? AND sha256 = ?`, entityID, sum)
	return n > 0, err
}

// MessageHolders returns the entities whose history records an intake of
// the email with Message-ID id.
func MessageHolders(r *Reader, id string) ([]int64, error) {
	var ids []int64
	err := r.Select(&ids, `SELECT entity_id FROM audit WHERE action = ? AND field = 'message_id' AND new = ? GROUP BY entity_id ORDER BY min(id)`, ActionIntake, id)
	return ids, err
}
