package app

import "context"

// SetOpenWith replaces how BriefingService.Open hands a path to the system,
// for tests; it returns a function that restores the original.
func SetOpenWith(f func(ctx context.Context, path string) error) (restore func()) {
	old := openWith
	openWith = f
	return func() { openWith = old }
}
