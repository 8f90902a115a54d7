package app

import "atpreg/internal/service"

// OpenRegister gives the external tests the session's open register.
func OpenRegister(s *Session) (*service.Register, error) { return s.openRegister() }

// SaveAttachmentTo is SaveAttachmentAs with path in place of the dialog's answer.
func SaveAttachmentTo(r *RegisterService, id int64, path string) (string, error) {
	p, err := r.saveAttachment(id, func(string) (string, error) { return path, nil })
	return p, Fail(err)
}

// CheckPicked is PickAndDryRun with path as the dialog's answer.
func CheckPicked(x *InterchangeService, path string) (*ImportPreview, error) {
	return x.checkPath(path)
}
