package store_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

var (
	long      = flag.Bool("long", false, "run the kill -9 test with 300 kills (or ATPREG_CRASH_KILLS)")
	crashSeed = flag.Uint64("crashseed", 0, "seed of the kill -9 test's random delays (0: a new one, printed)")
)

const (
	crashChildEnv   = "ATPREG_CRASH_CHILD"
	crashFirstIDEnv = "ATPREG_CRASH_FIRST_ID"
)

// TestCrashKill runs a child process (this test binary) that writes to a
// register in a loop, printing "ack ID" after each Update returns, and kills
// it with SIGKILL at random moments. Each child writes ids never used before
// (a range of its own), so a lost newest write cannot be hidden by a later
// write of the same id. After every kill the register (a copy of its files
// as the kill left them) must open, pass integrity_check and hold every
// write acknowledged so far, and nothing but those and at most the one write
// in flight. The seed of the random delays is printed (rerun with
// -crashseed). A kill keeps the operating system's page cache: power cuts
// are TestPowerCut's.
func TestCrashKill(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		first, err := strconv.ParseInt(os.Getenv(crashFirstIDEnv), 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child: no first id:", err)
			os.Exit(3)
		}
		crashChild(path, first)
		return
	}
	seed := *crashSeed
	if seed == 0 {
		seed = rand.Uint64()
	}
	t.Logf("seed %d (rerun with -crashseed=%d)", seed, seed)
	kills := 30
	if *long {
		kills = 300
	}
	if s := os.Getenv("ATPREG_CRASH_KILLS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("ATPREG_CRASH_KILLS=%q", s)
		}
		kills = n
	}
	path := filepath.Join(t.TempDir(), "register.atpreg")
	db, err := store.Create(path, storetest.Passphrase, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]bool{}
	rng := rand.New(rand.NewPCG(seed, 1))
	torn := 0
	for k := range kills {
		first := int64(k+1) * 1_000_000
		cmd := osexec.Command(os.Args[0], "-test.run=^TestCrashKill$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path, crashFirstIDEnv+"="+strconv.FormatInt(first, 10))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		// Kill after the child's first acknowledged write plus a random
		// delay, or (one time in five) at a random moment of its start-up.
		var deadline <-chan time.Time
		if rng.IntN(5) == 0 {
			deadline = time.After(time.Duration(rng.IntN(150)) * time.Millisecond)
		}
		n := 0
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				id, found := strings.CutPrefix(l, "ack ")
				if !found {
					continue
				}
				v, err := strconv.ParseInt(id, 10, 64)
				if err != nil {
					t.Fatalf("child printed %q", l)
				}
				acked[v] = true
				n++
				if n == 1 && deadline == nil {
					deadline = time.After(time.Duration(rng.IntN(100)) * time.Millisecond)
				}
			case <-deadline:
				cmd.Process.Kill()
				deadline = nil
			}
		}
		cmd.Wait()
		if cmd.ProcessState.Success() || stderr.Len() > 0 {
			t.Fatalf("kill %d (seed %d): the child failed by itself: %s", k+1, seed, stderr.String())
		}
		rep, err := store.Verify(path, storetest.Passphrase, storetest.Options())
		if err != nil {
			t.Fatalf("kill %d (seed %d): %v (child stderr: %s)", k+1, seed, err, stderr.String())
		}
		if rep.JournalTornTail {
			torn++
		}
		checkAcked(t, path, acked, first+int64(n), fmt.Sprintf("kill %d (seed %d)", k+1, seed))
	}
	db = open(t, path)
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	if err := db.View(context.Background(), func(r *store.Reader) error { return r.Select(&ids, `SELECT id FROM notes`) }); err != nil {
		t.Fatal(err)
	}
	have := map[int64]bool{}
	for _, id := range ids {
		have[id] = true
	}
	for id := range acked {
		if !have[id] {
			t.Errorf("acknowledged write %d lost", id)
		}
	}
	t.Logf("%d kills, %d acknowledged writes, %d rows, %d torn journal tails seen", kills, len(acked), len(ids), torn)
	if len(acked) < kills {
		t.Fatalf("only %d acknowledged writes in %d runs: the test did not exercise writes", len(acked), kills)
	}
}

// checkAcked opens a copy of the register's files as they are and checks
// that it holds every acknowledged id, and no other id but inflight (the
// write the kill may have interrupted, which, if there, counts as
// acknowledged from then on).
func checkAcked(t *testing.T, path string, acked map[int64]bool, inflight int64, when string) {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "copy.atpreg")
	for _, suf := range []string{"", "-journal"} {
		b, err := os.ReadFile(path + suf)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if err := os.WriteFile(cp+suf, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db, err := store.Open(cp, storetest.Passphrase, storetest.Options())
	if err != nil {
		t.Fatalf("%s: the register does not open: %v", when, err)
	}
	defer db.Close()
	var ids []int64
	if err := db.View(context.Background(), func(r *store.Reader) error { return r.Select(&ids, `SELECT id FROM notes`) }); err != nil {
		t.Fatal(err)
	}
	have := map[int64]bool{}
	for _, id := range ids {
		have[id] = true
		if !acked[id] && id != inflight {
			t.Fatalf("%s: id %d is in the register but was never written", when, id)
		}
	}
	for id := range acked {
		if !have[id] {
			t.Fatalf("%s: acknowledged write %d lost", when, id)
		}
	}
	// The interrupted write reached the disk after all: from now on it is
	// there to stay, like an acknowledged one.
	if have[inflight] {
		acked[inflight] = true
	}
}

// crashChild writes forever, ids from first on: one row per Update, a
// snapshot every 40 writes.
func crashChild(path string, first int64) {
	db, err := store.Open(path, storetest.Passphrase, storetest.Options())
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(3)
	}
	next := first
	body := strings.Repeat("fictional submission text ", 60) // ~1.5 KB
	for i := 0; ; i++ {
		id := next
		err := db.Update(context.Background(), func(tx *store.Tx) error {
			_, err := tx.Exec(`INSERT INTO notes(id, body) VALUES (?, ?)`, id, body)
			return err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "update:", err)
			os.Exit(3)
		}
		fmt.Printf("ack %d\n", id)
		next++
		if i%40 == 39 {
			if err := db.Snapshot(); err != nil {
				fmt.Fprintln(os.Stderr, "snapshot:", err)
				os.Exit(3)
			}
		}
	}
}
