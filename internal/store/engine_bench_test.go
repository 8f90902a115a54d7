package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// benchSizes are the register sizes benchmarked; 100k only with
// ATPREG_BENCH_LARGE=1.
func benchSizes() []int {
	s := []int{1000, 10000}
	if os.Getenv("ATPREG_BENCH_LARGE") == "1" {
		s = append(s, 100000)
	}
	return s
}

var words = strings.Fields(`autologous allogeneic lentiviral vector transduction expansion
	closed system bioreactor cryopreservation release testing potency sterility mycoplasma
	endotoxin leukapheresis CAR-T mesenchymal stromal cell cord blood adipose tissue scaffold
	phase trial investigational product batch record qualified person cleanroom grade
	aseptic processing fill finish comparability stability shelf life`)

// recordText returns ~1.5 KB of text, like an entity with two submissions of
// all RFI fields.
func recordText(rng *rand.Rand) string {
	var b strings.Builder
	for b.Len() < 1500 {
		b.WriteString(words[rng.IntN(len(words))])
		b.WriteByte(' ')
	}
	return b.String()
}

// buildRegister makes a register of n records in dir, snapshotted and closed.
func buildRegister(b *testing.B, dir string, n int) string {
	b.Helper()
	path := filepath.Join(dir, "register.atpreg")
	db, err := store.Create(path, storetest.Passphrase, storetest.Options())
	if err != nil {
		b.Fatal(err)
	}
	mustUpdate(b, db, exec(`CREATE TABLE records (id INTEGER PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL) STRICT`))
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	for start := 0; start < n; start += 1000 {
		mustUpdate(b, db, func(tx *store.Tx) error {
			for i := start; i < min(start+1000, n); i++ {
				if _, err := tx.Exec(`INSERT INTO records(id, name, body) VALUES (?, ?, ?)`, i+1, "Fictional Entity "+strconv.Itoa(i), recordText(rng)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkEngine measures, per register size: a saved single change
// (commit + journal fsync; p50/p95), open (key derivation excluded: cheap
// KDF; see vault.BenchmarkKDF), snapshot, and memory after open.
func BenchmarkEngine(b *testing.B) {
	for _, n := range benchSizes() {
		path := buildRegister(b, b.TempDir(), n)
		fi, _ := os.Stat(path)
		b.Run(fmt.Sprintf("save/rows=%d", n), func(b *testing.B) {
			db, err := store.Open(path, storetest.Passphrase, storetest.Options())
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			rng := rand.New(rand.NewPCG(2, 3))
			var times []time.Duration
			b.ResetTimer()
			for b.Loop() {
				id, text := rng.IntN(n)+1, recordText(rng)
				t0 := time.Now()
				err := db.Update(context.Background(), exec(`UPDATE records SET body = ? WHERE id = ?`, text, id))
				times = append(times, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			slices.Sort(times)
			b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
			b.ReportMetric(ms(times[(len(times)*95)/100]), "p95-ms")
		})
		b.Run(fmt.Sprintf("open/rows=%d", n), func(b *testing.B) {
			var heap, rss float64
			for b.Loop() {
				db, err := store.Open(path, storetest.Passphrase, storetest.Options())
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				heap, rss = memAfterOpen()
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(fi.Size())/(1<<20), "file-MiB")
			b.ReportMetric(heap, "heap-MiB")
			b.ReportMetric(rss, "rss-MiB")
		})
		b.Run(fmt.Sprintf("snapshot/rows=%d", n), func(b *testing.B) {
			db, err := store.Open(path, storetest.Passphrase, storetest.Options())
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			for b.Loop() {
				if err := db.Snapshot(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// memAfterOpen returns the Go heap in use and the process's resident memory
// (VmRSS, Linux only; 0 elsewhere), in MiB. SQLite's pages live outside the
// Go heap, so RSS is the figure that counts.
func memAfterOpen() (heap, rss float64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	heap = float64(m.HeapInuse) / (1 << 20)
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				rss = kb / 1024
			}
		}
	}
	return heap, rss
}

// BenchmarkReplayFullJournal opens a register whose journal holds as much
// as Update lets it grow before compacting on a small register (just under
// store.AutoSnapshotBytes, 32 MiB: attachments of 4 MiB each), as a crash
// leaves it: the cost of the compaction rule, paid only on the next open
// after a crash (a register closed normally is compacted on close).
func BenchmarkReplayFullJournal(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "register.atpreg")
	db, err := store.Create(path, storetest.Passphrase, storetest.Options())
	if err != nil {
		b.Fatal(err)
	}
	mustUpdate(b, db, exec(`CREATE TABLE files (id INTEGER PRIMARY KEY, data BLOB NOT NULL) STRICT`))
	blob := make([]byte, 4<<20)
	rng := rand.New(rand.NewPCG(4, 5))
	for i := range blob {
		blob[i] = byte(rng.Uint32())
	}
	gen := db.Generation()
	for range store.AutoSnapshotBytes/len(blob) - 1 { // the last would pass the threshold
		mustUpdate(b, db, exec(`INSERT INTO files(data) VALUES (?)`, blob))
	}
	if db.Generation() != gen {
		b.Fatal("compacted before the journal reached AutoSnapshotBytes")
	}
	records := db.JournalRecords()
	db.Drop() // as a crash leaves it: the journal is not compacted
	fi, _ := os.Stat(path + "-journal")
	var cpu time.Duration
	n := 0
	b.ResetTimer()
	for b.Loop() {
		c0 := cpuTime()
		db, err := store.Open(path, storetest.Passphrase, storetest.Options())
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		n++
		if db.JournalRecords() != records {
			b.Fatalf("%d records replayed, want %d", db.JournalRecords(), records)
		}
		db.Drop() // keep the journal for the next round
		b.StartTimer()
	}
	b.ReportMetric(float64(fi.Size())/(1<<20), "journal-MiB")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(n), "cpu-ms/op")
}
