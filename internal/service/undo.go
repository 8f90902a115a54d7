package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/store"
)

// UndoFor is how long a delete made through a ...Undoable method can be
// undone (the window offers Undo for 10 seconds; this leaves room for a
// slow click).
const UndoFor = 2 * time.Minute

// UndoKept is how many deletes can be undone at once: a newer delete drops
// the oldest beyond it.
const UndoKept = 5

// undoShelf holds what recent deletes took away, by token, in memory only
// (never on disk, never logged), until it expires, is taken, or the
// register closes (locking closes it).
type undoShelf struct {
	mu    sync.Mutex
	items map[string]undoItem
	seq   uint64 // the order items were shelved in
}

type undoItem struct {
	deleted store.Deleted
	until   time.Time
	seq     uint64
}

// keep shelves d until now+UndoFor and returns its token.
func (s *undoShelf) keep(d store.Deleted, now time.Time) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(now)
	if s.items == nil {
		s.items = map[string]undoItem{}
	}
	for len(s.items) >= UndoKept {
		oldest := ""
		for k, it := range s.items {
			if oldest == "" || it.seq < s.items[oldest].seq {
				oldest = k
			}
		}
		delete(s.items, oldest)
	}
	s.seq++
	s.items[token] = undoItem{deleted: d, until: now.Add(UndoFor), seq: s.seq}
	return token
}

// take removes and returns what token holds, if it has not expired.
func (s *undoShelf) take(token string, now time.Time) (undoItem, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(now)
	it, ok := s.items[token]
	delete(s.items, token)
	return it, ok
}

// put shelves an item taken back again (a restore that failed for a reason
// that may pass), unless it has expired meanwhile.
func (s *undoShelf) put(token string, it undoItem, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if now.Before(it.until) && s.items != nil {
		s.items[token] = it
	}
}

func (s *undoShelf) expire(now time.Time) {
	for k, it := range s.items {
		if !now.Before(it.until) {
			delete(s.items, k)
		}
	}
}

// drop forgets everything (the register closes).
func (s *undoShelf) drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = nil
}

// DeleteMeetingUndoable is DeleteMeeting, returning a token that Undelete
// takes to put the meeting back (for UndoFor, while the register stays
// open).
func (r *Register) DeleteMeetingUndoable(ctx context.Context, id int64) (string, error) {
	d, err := r.db.DeleteMeetingUndoable(ctx, id, r.Officer(ctx))
	if err != nil {
		return "", err
	}
	return r.undo.keep(d, r.opt.now()), nil
}

// DeletePartnerUndoable is DeletePartner, returning a token that Undelete
// takes to put the partner back with its conflicts of interest and its
// places in meetings.
func (r *Register) DeletePartnerUndoable(ctx context.Context, id int64) (string, error) {
	d, err := r.db.DeletePartnerUndoable(ctx, id, r.Officer(ctx))
	if err != nil {
		return "", err
	}
	return r.undo.keep(d, r.opt.now()), nil
}

// DeleteEvaluationUndoable is DeleteEvaluation, returning a token that
// Undelete takes to put the evaluation back.
func (r *Register) DeleteEvaluationUndoable(ctx context.Context, id int64) (string, error) {
	d, err := r.db.DeleteEvaluationUndoable(ctx, id, r.Officer(ctx))
	if err != nil {
		return "", err
	}
	return r.undo.keep(d, r.opt.now()), nil
}

// Undelete puts back what the delete that gave token took away (once).
// Errors: apperr.NotFound (an unknown or expired token, or the register has
// been locked since), apperr.Conflict (something has changed since that it
// would clash with; nothing is changed).
func (r *Register) Undelete(ctx context.Context, token string) error {
	it, ok := r.undo.take(token, r.opt.now())
	if !ok {
		return apperr.New(apperr.NotFound, "That can no longer be undone.")
	}
	err := r.db.Restore(ctx, it.deleted, r.Officer(ctx))
	if err != nil && !apperr.Is(err, apperr.Conflict) && !apperr.Is(err, apperr.NotFound) {
		r.undo.put(token, it, r.opt.now()) // it may work on another try
	}
	return err
}
