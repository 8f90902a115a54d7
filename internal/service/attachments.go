package service

import (
	"context"
	"os"
	"path/filepath"

	"atpreg/internal/apperr"
	"atpreg/internal/fileout"
	"atpreg/internal/register"
)

// AddAttachment keeps a copy of a file (its name and content) with the
// entity, inside the encrypted register, recorded in the history as the
// officer. Empty files and files over register.MaxAttachmentBytes are
// refused (apperr.Invalid).
func (r *Register) AddAttachment(ctx context.Context, entityID int64, name string, data []byte) (register.AttachmentInfo, error) {
	if err := register.CheckAttachmentSize(name, int64(len(data))); err != nil {
		return register.AttachmentInfo{}, err
	}
	return r.db.AddAttachment(ctx, entityID, name, data, r.Officer(ctx))
}

// AttachFile attaches the file at path (the officer chose it) under its
// base name: too large a file is refused before it is read.
func (r *Register) AttachFile(ctx context.Context, entityID int64, path string) (register.AttachmentInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return register.AttachmentInfo{}, apperr.Wrap(err, apperr.NotFound, "The file %s cannot be read.", filepath.Base(path))
	}
	if err := register.CheckAttachmentSize(path, st.Size()); err != nil {
		return register.AttachmentInfo{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return register.AttachmentInfo{}, apperr.Wrap(err, apperr.Internal, "The file %s cannot be read.", filepath.Base(path))
	}
	defer clear(data)
	return r.AddAttachment(ctx, entityID, filepath.Base(path), data)
}

// Attachments lists the entity's attachments, oldest first.
func (r *Register) Attachments(ctx context.Context, entityID int64) ([]register.AttachmentInfo, error) {
	return r.db.Attachments(ctx, entityID)
}

// AttachmentData returns the attachment with id and its content, checked
// against its checksum (apperr.Damaged when it differs). The content is
// plaintext: keep it in memory and clear it after use.
func (r *Register) AttachmentData(ctx context.Context, id int64) (register.AttachmentInfo, []byte, error) {
	return r.db.AttachmentData(ctx, id)
}

// DeleteAttachment removes the attachment with id, noting it in the
// entity's history as the officer.
func (r *Register) DeleteAttachment(ctx context.Context, id int64) error {
	return r.db.DeleteAttachment(ctx, id, r.Officer(ctx))
}

// SaveAttachmentCopy writes the attachment with id to the path choose
// returns for its name ("" to cancel, then "" and no error) the way every
// file the officer exports is written (internal/fileout: a private 0600
// file replacing any file of that name, never half a file), and returns
// the path.
func (r *Register) SaveAttachmentCopy(ctx context.Context, id int64, choose func(name string) (string, error)) (string, error) {
	info, data, err := r.db.AttachmentData(ctx, id)
	if err != nil {
		return "", err
	}
	defer clear(data)
	path, err := choose(info.Name)
	if err != nil || path == "" {
		return "", err
	}
	if err := fileout.Write(path, data, apperr.Fixed("The attachment")); err != nil {
		return "", err
	}
	return path, nil
}
