package register

import (
	"path/filepath"

	"atpreg/internal/apperr"
)

// MaxAttachmentBytes is the largest file that can be attached (20 MB).
const MaxAttachmentBytes = 20 << 20

// AttachmentInfo describes a file kept with an entity, without its content.
// AddedAt is RFC 3339.
type AttachmentInfo struct {
	ID       int64  `json:"id"`
	EntityID int64  `json:"entityId"`
	Name     string `json:"name"`
	Mime     string `json:"mime"`
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
	AddedAt  string `json:"addedAt"`
	AddedBy  string `json:"addedBy"`
}

// tooBig is the message of a file over MaxAttachmentBytes.
const tooBig = "The file %s is %.1f MB; attachments can be at most %d MB. Nothing was attached; attach a smaller copy (for example a PDF without scanned images)."

// CheckAttachmentSize refuses (apperr.Invalid, in the officer's words) a
// file called name of size bytes that is over MaxAttachmentBytes; callers
// check before reading a large file into memory.
func CheckAttachmentSize(name string, size int64) error {
	if size <= MaxAttachmentBytes {
		return nil
	}
	args := []any{filepath.Base(name), float64(size) / (1 << 20), MaxAttachmentBytes >> 20}
	return apperr.New(apperr.Invalid, tooBig, args...).With(apperr.Field("data", tooBig, args...))
}
