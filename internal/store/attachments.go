package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// MaxAttachmentBytes is register.MaxAttachmentBytes.
const MaxAttachmentBytes = register.MaxAttachmentBytes

// AttachmentInfo describes an attached file (the domain's
// register.AttachmentInfo; this name stays while the other areas move onto it).
type AttachmentInfo = register.AttachmentInfo

// attachmentRow is an attachments row as stored, without its content.
type attachmentRow struct {
	ID       int64  `db:"id"`
	EntityID int64  `db:"entity_id"`
	Name     string `db:"name"`
	Mime     string `db:"mime"`
	Size     int64  `db:"size"`
	SHA256   string `db:"sha256"`
	AddedAt  string `db:"added_at"`
	AddedBy  string `db:"added_by"`
}

// info is the row as an AttachmentInfo, AddedAt in RFC 3339.
func (r attachmentRow) info() AttachmentInfo {
	a := AttachmentInfo(r)
	a.AddedAt = rfc3339(a.AddedAt)
	return a
}

// mimeTypes are the types of the files an officer attaches, by extension;
// others are sniffed from the content.
var mimeTypes = map[string]string{
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".eml":  "message/rfc822",
	".msg":  "application/vnd.ms-outlook",
	".txt":  "text/plain; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".zip":  "application/zip",
}

// mimeOf returns the media type of a file called name holding data.
func mimeOf(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := mimeTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// cleanFileName keeps the base name of name (either slash), trimmed, as a
// valid file name for people: it must not be empty, too long or hold control
// characters.
func cleanFileName(name string) (string, error) {
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, `\`, "/")))
	bad := func(msg string) (string, error) {
		return "", apperr.New(apperr.Invalid, msg).With(apperr.Field("name", msg))
	}
	if name == "" || name == "." || name == "/" {
		return bad("The file has no name; give it one.")
	}
	if !utf8.ValidString(name) {
		return bad("The file's name is not valid UTF-8 text; rename the file.")
	}
	if utf8.RuneCountInString(name) > 255 {
		return bad("The file's name is too long (at most 255 characters); rename the file.")
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return bad("The file's name holds an invisible control character; rename the file.")
		}
	}
	return name, nil
}

// CheckAttachmentSize is register.CheckAttachmentSize.
func CheckAttachmentSize(name string, size int64) error {
	return register.CheckAttachmentSize(name, size)
}

// AddAttachment stores a copy of a file (name, data) with the entity, inside
// the encrypted register, and records it in the history. Files over
// MaxAttachmentBytes or empty are refused (apperr.Invalid).
func (db *DB) AddAttachment(ctx context.Context, entityID int64, name string, data []byte, by string) (AttachmentInfo, error) {
	name, err := cleanFileName(name)
	if err != nil {
		return AttachmentInfo{}, err
	}
	if len(data) == 0 {
		return AttachmentInfo{}, apperr.New(apperr.Invalid, "The file %s is empty; nothing was attached.", name).
			With(apperr.Field("data", "The file is empty."))
	}
	if err := CheckAttachmentSize(name, int64(len(data))); err != nil {
		return AttachmentInfo{}, err
	}
	sum := sha256.Sum256(data)
	now := db.Now()
	info := AttachmentInfo{EntityID: entityID, Name: name, Mime: mimeOf(name, data), Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), AddedAt: TimeText(now), AddedBy: who(by)}
	err = db.Update(ctx, func(tx *Tx) error {
		ok, err := EntityExists(&tx.Reader, entityID)
		if err != nil {
			return err
		}
		if !ok {
			return entityNotFound(entityID)
		}
		res, err := tx.Exec(`INSERT INTO attachments(entity_id, name, mime, size, sha256, data, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			entityID, info.Name, info.Mime, info.Size, info.SHA256, data, info.AddedAt, info.AddedBy)
		if err != nil {
			return err
		}
		if info.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = auditTx(tx, AuditEntry{EntityID: entityID, At: info.AddedAt, By: info.AddedBy, Action: ActionAttach,
			Field: "attachments", New: info.Name, Detail: fmt.Sprintf("%d bytes, SHA-256 %s", info.Size, info.SHA256)})
		return err
	})
	if err != nil {
		return AttachmentInfo{}, err
	}
	info.AddedAt = rfc3339(info.AddedAt)
	return info, nil
}

// rfc3339 shortens a TimeText to RFC 3339 seconds for people and the window.
func rfc3339(t string) string {
	if pt, err := ParseTime(t); err == nil {
		return pt.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	return t
}

const attachmentColumns = `id, entity_id, name, mime, size, sha256, added_at, added_by`

// Attachments lists the entity's attachments, oldest first.
func (db *DB) Attachments(ctx context.Context, entityID int64) ([]AttachmentInfo, error) {
	var rows []attachmentRow
	err := db.View(ctx, func(r *Reader) error {
		return r.Select(&rows, `SELECT `+attachmentColumns+` FROM attachments WHERE entity_id = ? ORDER BY added_at, id`, entityID)
	})
	out := make([]AttachmentInfo, len(rows))
	for i, row := range rows {
		out[i] = row.info()
	}
	return out, err
}

func attachmentNotFound(id int64) error {
	return apperr.New(apperr.NotFound, "There is no attachment %d; it may have been removed.", id)
}

// AttachmentData returns the attachment with id and its content (plaintext:
// keep it in memory, never write it to a temporary file).
func (db *DB) AttachmentData(ctx context.Context, id int64) (AttachmentInfo, []byte, error) {
	var row struct {
		attachmentRow
		Data []byte `db:"data"`
	}
	err := db.View(ctx, func(r *Reader) error {
		err := r.Get(&row, `SELECT `+attachmentColumns+`, data FROM attachments WHERE id = ?`, id)
		if errors.Is(err, sql.ErrNoRows) {
			return attachmentNotFound(id)
		}
		return err
	})
	if err != nil {
		return AttachmentInfo{}, nil, err
	}
	sum := sha256.Sum256(row.Data)
	if hex.EncodeToString(sum[:]) != row.SHA256 {
		return AttachmentInfo{}, nil, apperr.New(apperr.Damaged, "The attachment %s is damaged: its content does not match its checksum. Restore the register from a backup.", row.Name)
	}
	return row.info(), row.Data, nil
}

// DeleteAttachment removes the attachment with id, recording it in the
// entity's history.
func (db *DB) DeleteAttachment(ctx context.Context, id int64, by string) error {
	now := db.Now()
	return db.Update(ctx, func(tx *Tx) error {
		var a attachmentRow
		if err := tx.Get(&a, `SELECT `+attachmentColumns+` FROM attachments WHERE id = ?`, id); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return attachmentNotFound(id)
			}
			return err
		}
		if _, err := tx.Exec(`DELETE FROM attachments WHERE id = ?`, id); err != nil {
			return err
		}
		_, err := auditTx(tx, AuditEntry{EntityID: a.EntityID, At: TimeText(now), By: who(by), Action: ActionDetach,
			Field: "attachments", Old: a.Name, Detail: fmt.Sprintf("%d bytes, SHA-256 %s", a.Size, a.SHA256)})
		return err
	})
}
