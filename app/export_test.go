package app

import (
	"context"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/service"
)

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

// SaveFormTo is SaveFormAs with choose in place of the save dialog (it is
// given the suggested file name and answers the path).
func SaveFormTo(x *IntakeService, entityID int64, lang, format string, choose func(name string) (string, error)) (string, error) {
	p, err := x.saveForm(entityID, lang, format, choose)
	return p, Fail(err)
}

// NewLifecycle returns a LifecycleService on s whose system dialogs are
// answered by answer: it is given the dialog's kind ("open", "save" or
// "folder") and returns the path chosen ("" to cancel).
func NewLifecycle(s *Session, answer func(kind string) string) *LifecycleService {
	return &LifecycleService{s: s, dlg: answerDialogs(answer)}
}

// answerDialogs answers the dialogs with a function.
type answerDialogs func(kind string) string

func (a answerDialogs) openFile(context.Context, wruntime.OpenDialogOptions) (string, error) {
	return a("open"), nil
}

func (a answerDialogs) saveFile(context.Context, wruntime.SaveDialogOptions) (string, error) {
	return a("save"), nil
}

func (a answerDialogs) openDir(context.Context, wruntime.OpenDialogOptions) (string, error) {
	return a("folder"), nil
}

// WaitBackups waits until the daily backups running in the background are done.
func WaitBackups(s *Session) { s.backups.Wait() }

// TracePicked is PickAndTrace with path as the dialog's answer.
func TracePicked(x *TraceService, path string) (TraceReport, error) {
	rep, err := x.tracePath(path)
	return rep, Fail(err)
}

// DemandSaveTo is ExportPDF / ExportJSON with path as the save dialog's answer.
func DemandSaveTo(d *DemandService, format, path string, statuses []string, lang string) (DemandExportResult, error) {
	res, err := d.write(format, path, statuses, lang)
	return res, Fail(err)
}
