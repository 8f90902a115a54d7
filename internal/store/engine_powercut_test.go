package store_test

import (
	"flag"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"sort"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
	"atpreg/internal/vault/vaulttest"
)

var (
	powerCuts = flag.Int("powercuts", 0, "power cuts TestPowerCut simulates (0: 10000, or 1000 with -short or the race detector)")
	powerSeed = flag.Uint64("powerseed", 0, "seed of TestPowerCut (0: a new one, printed)")
)

// TestPowerCut simulates power cuts at random moments of a register's life
// on vaulttest.MemFS: at each cut, every write since a file's last sync may
// be lost, torn (sector by sector) or applied out of order, and every change
// to a folder since its last sync may be lost, the later first. The register
// lives through changes (fresh ids inserted, some deleted), snapshots, a
// passphrase change now and then, closes and reopens, and backups, and its
// newest state is remembered (SeenDir) on the same simulated disk. After
// each cut the register must open, with the old or the new passphrase when
// the cut came during a change of passphrase, without being taken for an
// older copy; it must hold every acknowledged change (an insert or a delete
// whose call returned) and nothing else but the change in flight; and every
// backup written must open. Cuts are taken at 10,000 random points (1,000
// with -short or the race detector; -powercuts for more, -powerseed to rerun
// one).
func TestPowerCut(t *testing.T) {
	target := *powerCuts
	if target == 0 {
		target = 10000
		if raceEnabled || testing.Short() {
			target = 1000 // the race detector makes each open ~10 times slower
		}
	}
	seed := *powerSeed
	if seed == 0 {
		seed = rand.Uint64()
	}
	t.Logf("seed %d (rerun with -powerseed=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 3))
	base, path := memRegister(t, 0)
	pc := &powerCut{t: t, rng: rng, path: path, seed: seed, hashSeed: maphash.MakeSeed()}
	runs := 0
	for pc.cuts < target {
		runs++
		pc.run(base, target)
	}
	t.Logf("%d power cuts in %d runs (%d disk images opened, %d file operations)", pc.cuts, runs, pc.opened, pc.ops)
}

// powerCut is one TestPowerCut.
type powerCut struct {
	t      *testing.T
	rng    *rand.Rand
	path   string
	seed   uint64
	cuts   int
	opened int
	ops    int

	// The register's life so far (one run).
	present  map[int64]bool // ids whose insert was acknowledged, and not their delete
	deleted  map[int64]bool // ids whose delete was acknowledged
	inflight int64          // the id of the change under way (insert or delete), or 0
	passes   [][]byte       // the passphrases the register may open with now
	backups  map[string][]byte
	step     string
	checked  map[string]bool // backup files (name and content) that opened
	hashSeed maphash.Seed
}

var passA, passB = []byte("fictional power cut passphrase A"), []byte("fictional power cut passphrase B")

func (pc *powerCut) opt(m *vaulttest.MemFS) store.Options {
	o := storetest.Options()
	o.FS = m
	o.Seen = store.SeenDir{Dir: "/state/seen", FS: m}
	return o
}

// run lives one register life on a copy of base, cutting the power at
// random points until target cuts are reached or the life ends.
func (pc *powerCut) run(base *vaulttest.MemFS, target int) {
	t := pc.t
	m := base.Clone()
	m.MkdirAll("/state", 0o700)
	m.MkdirAll("/backups", 0o700)
	pc.present, pc.deleted, pc.inflight = map[int64]bool{}, map[int64]bool{}, 0
	pc.backups = map[string][]byte{}
	pc.checked = map[string]bool{}
	cur := storetest.Passphrase
	pc.passes = [][]byte{cur}
	// A cut at about one operation in four: each run reaches many points.
	m.Hook = func(op vaulttest.Op) error {
		pc.ops++
		if pc.cuts < target && pc.rng.IntN(4) == 0 {
			pc.cuts++
			pc.check(m.Crash(pc.rng), fmt.Sprintf("%s, before %s %s", pc.step, op.Kind, op.Name))
		}
		return nil
	}
	defer func() { m.Hook = nil }()
	pc.step = "open"
	db, err := store.Open(pc.path, cur, pc.opt(m))
	if err != nil {
		t.Fatalf("seed %d: open: %v", pc.seed, err)
	}
	defer func() { db.Close() }()
	next := int64(1)
	for i := 0; i < 40 && pc.cuts < target; i++ {
		switch r := pc.rng.IntN(40); {
		case r < 26:
			id := next
			next++
			pc.step, pc.inflight = fmt.Sprintf("step %d: insert %d", i, id), id
			mustUpdate(t, db, exec(`INSERT INTO notes(id, body) VALUES (?, ?)`, id, fmt.Sprintf("fictional note %d", id)))
			pc.present[id], pc.inflight = true, 0
		case r < 30 && len(pc.present) > 0:
			id := pc.anyPresent()
			pc.step, pc.inflight = fmt.Sprintf("step %d: delete %d", i, id), id
			mustUpdate(t, db, exec(`DELETE FROM notes WHERE id = ?`, id))
			delete(pc.present, id)
			pc.deleted[id], pc.inflight = true, 0
		case r < 34:
			pc.step = fmt.Sprintf("step %d: snapshot", i)
			if err := db.Snapshot(); err != nil {
				t.Fatalf("seed %d: %s: %v", pc.seed, pc.step, err)
			}
		case r < 36:
			next := passA
			if string(cur) == string(passA) {
				next = passB
			}
			pc.step = fmt.Sprintf("step %d: passphrase change", i)
			pc.passes = [][]byte{cur, next}
			if err := db.ChangePassphraseWith(cur, next); err != nil {
				t.Fatalf("seed %d: %s: %v", pc.seed, pc.step, err)
			}
			cur = next
			pc.passes = [][]byte{cur}
		case r < 38:
			pc.step = fmt.Sprintf("step %d: close and open again", i)
			db.Close()
			if db, err = store.Open(pc.path, cur, pc.opt(m)); err != nil {
				t.Fatalf("seed %d: %s: %v", pc.seed, pc.step, err)
			}
		default:
			dst := fmt.Sprintf("/backups/b%d.atpreg", i)
			pc.step = fmt.Sprintf("step %d: backup to %s", i, dst)
			if err := db.Backup(dst, cur); err != nil {
				t.Fatalf("seed %d: %s: %v", pc.seed, pc.step, err)
			}
			pc.backups[dst] = cur
		}
	}
	pc.step = "close"
	db.Close()
	pc.check(m.Crash(pc.rng), "after close")
}

func (pc *powerCut) anyPresent() int64 {
	ids := make([]int64, 0, len(pc.present))
	for id := range pc.present {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids[pc.rng.IntN(len(ids))]
}

// check opens the register on a disk image left by a power cut and checks
// what it holds.
func (pc *powerCut) check(img *vaulttest.MemFS, when string) {
	t := pc.t
	t.Helper()
	pc.opened++
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d, power cut %d (%s): %s\nfiles: %v", pc.seed, pc.cuts, when, fmt.Sprintf(format, args...), img.Names())
	}
	var db *store.DB
	var err error
	for _, p := range pc.passes {
		if db, err = store.Open(pc.path, p, pc.opt(img)); !apperr.Is(err, apperr.WrongPass) {
			break
		}
	}
	if err != nil {
		fail("the register does not open: %v", err)
	}
	defer db.Drop()
	var ids []int64
	if err := db.View(ctx, func(r *store.Reader) error { return r.Select(&ids, `SELECT id FROM notes`) }); err != nil {
		fail("%v", err)
	}
	have := map[int64]bool{}
	for _, id := range ids {
		have[id] = true
		if !pc.present[id] && id != pc.inflight {
			fail("note %d is there, but its insert was never acknowledged or its delete was", id)
		}
	}
	for id := range pc.present {
		if !have[id] && id != pc.inflight {
			fail("acknowledged note %d was lost", id)
		}
	}
	for dst, p := range pc.backups {
		data, err := img.ReadFile(dst)
		if err != nil {
			fail("backup %s is gone: %v", dst, err)
		}
		h := fmt.Sprintf("%s:%x", dst, maphash.Bytes(pc.hashSeed, data))
		if pc.checked[h] {
			continue // this very file opened before
		}
		if _, err := store.Verify(dst, p, pc.opt(img)); err != nil {
			fail("backup %s does not open: %v", dst, err)
		}
		pc.checked[h] = true
	}
}
