package service_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

const publishChildEnv = "ATPREG_PUBLISH_CHILD"

// TestPublishKill proves the publishing invariant against SIGKILL: a child
// process (this test binary) publishes batches of one to three files in a
// loop and is killed at random moments. After every kill the parent checks
// that every file in place is recorded in the ledger with its SHA-256; that
// every entry marked delivered has its file in place; that every batch is
// recorded whole or not at all; and that every entry left undelivered is
// written again, from the bytes the register kept, by WriteAgain. The seed
// is printed (ATPREG_PUBLISH_SEED replays it); ATPREG_PUBLISH_KILLS sets
// the number of kills (default 20).
func TestPublishKill(t *testing.T) {
	if env := os.Getenv(publishChildEnv); env != "" {
		publishChild(env)
		return
	}
	if testing.Short() {
		t.Skip("the kill test runs child processes")
	}
	kills := 20
	if s := os.Getenv("ATPREG_PUBLISH_KILLS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("ATPREG_PUBLISH_KILLS=%q", s)
		}
		kills = n
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("ATPREG_PUBLISH_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("ATPREG_PUBLISH_SEED=%q", s)
		}
		seed = n
	}
	t.Logf("seed %d (replay with ATPREG_PUBLISH_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 2))

	root := t.TempDir()
	path := filepath.Join(root, "register.atpreg")
	out := filepath.Join(root, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	r, err := service.Create(path, servicetest.Passphrase, servicetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	acked, rewritten, undeliveredSeen := 0, 0, 0
	for k := range kills {
		cmd := osexec.Command(os.Args[0], "-test.run=^TestPublishKill$", "-test.count=1")
		cmd.Env = append(os.Environ(), publishChildEnv+"="+path+"|"+out+"|"+strconv.Itoa(k))
		stdout, err := cmd.StdoutPipe()
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
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		// Kill after the first acknowledged batch plus a random delay, or
		// (one time in five) at a random moment of the child's start-up.
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
				if strings.HasPrefix(l, "ack ") {
					acked++
					n++
					if n == 1 && deadline == nil {
						deadline = time.After(time.Duration(rng.IntN(80)) * time.Millisecond)
					}
				}
			case <-deadline:
				_ = cmd.Process.Kill()
				deadline = nil
			}
		}
		_ = cmd.Wait()
		if cmd.ProcessState.Success() || stderr.Len() > 0 {
			t.Fatalf("kill %d: the child failed by itself: %s", k+1, stderr.String())
		}
		u, w := checkPublished(t, path, out, k+1)
		undeliveredSeen += u
		rewritten += w
	}
	t.Logf("%d kills, %d batches acknowledged, %d entries found undelivered and written again", kills, acked, undeliveredSeen)
	if acked == 0 {
		t.Fatal("no batch was acknowledged: the test did not exercise publishing")
	}
	if rewritten != undeliveredSeen {
		t.Fatalf("%d undelivered entries, %d written again", undeliveredSeen, rewritten)
	}
}

// checkPublished opens the register after a kill and checks the invariant;
// it writes undelivered entries again and returns how many there were and
// how many it wrote.
func checkPublished(t *testing.T, path, out string, kill int) (undelivered, rewritten int) {
	t.Helper()
	ctx := context.Background()
	r, err := service.Open(path, servicetest.Passphrase, servicetest.Options())
	if err != nil {
		t.Fatalf("kill %d: open: %v", kill, err)
	}
	defer func() {
		if err := r.Close(); err != nil {
			t.Fatalf("kill %d: close: %v", kill, err)
		}
	}()
	entries, err := r.Ledger(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]register.LedgerEntry{}
	perDoc := map[string]int{}
	for _, e := range entries {
		if e.Folder != out {
			t.Fatalf("kill %d: entry %s recorded in folder %q, want %q", kill, e.FileName, e.Folder, out)
		}
		byName[e.FileName] = e
		perDoc[e.DocID]++
		if e.Delivered {
			sum, err := fileSum(filepath.Join(out, e.FileName))
			if err != nil || sum != e.SHA256 {
				t.Fatalf("kill %d: %s is marked delivered but its file is %v (SHA-256 %s, recorded %s)", kill, e.FileName, err, sum, e.SHA256)
			}
		}
	}
	for _, e := range entries {
		if want := int(e.Options["of"].(float64)); perDoc[e.DocID] != want {
			t.Fatalf("kill %d: batch %s has %d of its %d entries recorded", kill, e.DocID, perDoc[e.DocID], want)
		}
	}
	files, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasPrefix(f.Name(), ".") && strings.HasSuffix(f.Name(), ".tmp") {
			// A staging file a kill left behind: hidden, never in place.
			continue
		}
		e, ok := byName[f.Name()]
		if !ok {
			t.Fatalf("kill %d: %s is in place but not in the ledger", kill, f.Name())
		}
		if sum, err := fileSum(filepath.Join(out, f.Name())); err != nil || sum != e.SHA256 {
			t.Fatalf("kill %d: %s in place has SHA-256 %s, the ledger %s", kill, f.Name(), sum, e.SHA256)
		}
	}
	und, err := r.Undelivered(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range und {
		undelivered++
		got, err := r.WriteAgain(ctx, e.ID)
		if err != nil || !got.Delivered {
			t.Fatalf("kill %d: write %s again: %v", kill, e.FileName, err)
		}
		if sum, err := fileSum(filepath.Join(out, e.FileName)); err != nil || sum != e.SHA256 {
			t.Fatalf("kill %d: %s written again has SHA-256 %s, the ledger %s (%v)", kill, e.FileName, sum, e.SHA256, err)
		}
		rewritten++
	}
	return undelivered, rewritten
}

func fileSum(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:]), nil
}

// publishChild publishes batches forever, printing "ack N" after each.
func publishChild(env string) {
	parts := strings.Split(env, "|")
	path, out, run := parts[0], parts[1], parts[2]
	r, err := service.Open(path, servicetest.Passphrase, servicetest.Options())
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(3)
	}
	ctx := context.Background()
	body := strings.Repeat("fictional published text ", 4000) // ~100 KB
	for i := 0; ; i++ {
		n := 1 + i%3
		doc := service.NewDocumentID("KT", servicetest.Now)
		files := make([]service.Publication, n)
		for j := range files {
			name := fmt.Sprintf("run%s-%d-%d.txt", run, i, j)
			files[j] = service.Publication{Kind: register.LedgerExport, DocID: doc, Path: filepath.Join(out, name),
				Data: []byte(name + "\n" + body), CopyNo: j + 1, Options: map[string]any{"of": n}, What: apperr.Fixed("The test file")}
		}
		if _, err := r.Publish(ctx, files); err != nil {
			fmt.Fprintln(os.Stderr, "publish:", err)
			os.Exit(3)
		}
		fmt.Printf("ack %d\n", i)
	}
}
