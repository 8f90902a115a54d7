package app

import (
	"os"
	"path/filepath"
)

// Bindings returns every struct the window binds: the session and the area
// services sharing it. This is the one place that wires the window's
// services; a new area adds its service here (and to bindings_test.go's
// allowlist of bound methods).
func Bindings(s *Session) []any {
	interchange := &InterchangeService{s: s}
	intake := &IntakeService{s: s, pending: map[string]pendingIntake{}}
	s.onLock(interchange.forget)
	s.onLock(intake.forget)
	return []any{
		s,
		&RegisterService{s: s},
		interchange,
		&EvaluationService{s: s},
		&MeetingService{s: s},
		&BriefingService{s: s},
		&DemandService{s: s},
		intake,
		&LetterService{s: s},
		&SheetService{s: s},
		&LifecycleService{s: s, dlg: wailsDialogs{}},
		&TraceService{s: s},
	}
}

// folderOr returns last, or where a save dialog starts when nothing was
// saved yet this session: the Documents folder, else home ("" if unknown).
func folderOr(last string) string {
	if last != "" {
		return last
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}
