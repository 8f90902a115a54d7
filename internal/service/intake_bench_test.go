package service

import (
	"context"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"atpreg/internal/mailin/mailtest"
)

// BenchmarkIntake10MBEmail takes in a 10 MB email (a filled PDF form and
// five attachments) with the durable commit, into a register made outside
// the timer each time: "created" is a register just created (the engine's
// first database), "opened" one closed and opened again as the officer's
// is every day (its database loaded from the sealed file), "demo" the
// opened demo register (43 entities with their attachments). The loop
// reuses the process's memory from one intake to the next (Go's heap,
// SQLite's allocator); the first intake in a fresh process, as `atpreg
// intake` does, touches about twice as much memory for the first time (run
// it with -benchtime 1x to see its page faults).
func BenchmarkIntake10MBEmail(b *testing.B) {
	form := filledPDF(b, formEntity())
	atts := []mailtest.File{}
	rest := (10<<20)*3/4 - len(form) // base64 grows by a third
	for i := range 5 {
		data := make([]byte, rest/5)
		_, _ = rand.Read(data)
		atts = append(atts, mailtest.File{Name: fmt.Sprintf("scan-%d.jpg", i+1), ContentType: "image/jpeg", Data: data})
	}
	eml := replyEmail(b, form, atts...)
	for _, how := range []string{"created", "opened", "demo"} {
		b.Run(how, func(b *testing.B) {
			b.ReportMetric(float64(len(eml))/(1<<20), "MB")
			ctx := context.Background()
			var cpu, closing time.Duration
			var faults int64
			n := 0
			for b.Loop() {
				b.StopTimer()
				r := benchRegister(b, how)
				c0, f0 := cpuTime(), minorFaults()
				b.StartTimer()
				rep, err := r.ApplyIntake(ctx, []IntakeFile{{Name: "reply.eml", Data: eml}}, IntakeOptions{})
				b.StopTimer()
				cpu += cpuTime() - c0
				faults += minorFaults() - f0
				n++
				if err != nil || rep.Created != 1 || len(rep.Items[0].Attachments) != 6 {
					b.Fatalf("%v %+v", err, rep)
				}
				c1 := cpuTime()
				if err := r.Close(); err != nil {
					b.Fatal(err)
				}
				closing += cpuTime() - c1
				b.StartTimer()
			}
			// CPU time (user and system) of the process per intake: the
			// figure to read on a busy machine, where wall time includes
			// waiting for a core.
			b.ReportMetric(float64(cpu.Milliseconds())/float64(n), "cpu-ms/op")
			// Minor page faults per intake: memory the process touched for
			// the first time (on this kind of virtual machine each costs
			// several microseconds, more on a busy one).
			b.ReportMetric(float64(faults)/float64(n), "faults/op")
			// What closing the register afterwards costs (outside the timer):
			// the journal, which holds the intake, compacted into a snapshot
			// of the whole register (atpreg intake on the command line pays
			// it before it exits; the window when the register is locked).
			b.ReportMetric(float64(closing.Milliseconds())/float64(n), "close-cpu-ms/op")
		})
	}
}

// benchRegister makes a register in a temporary folder: "created" is left
// as Create leaves it; "opened" and "demo" (the demo register) are closed
// and opened again.
func benchRegister(b *testing.B, how string) *Register {
	b.Helper()
	opt := Options{TestingKDF: true, Now: func() time.Time { return time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC) }}
	path := filepath.Join(b.TempDir(), "register.atpreg")
	pass := []byte("fictional harbour lantern 7 crane kettle")
	var r *Register
	var err error
	if how == "demo" {
		r, err = CreateDemo(context.Background(), path, pass, opt)
	} else {
		r, err = Create(path, pass, opt)
	}
	if err != nil {
		b.Fatal(err)
	}
	if how == "created" {
		return r
	}
	if err := r.Close(); err != nil {
		b.Fatal(err)
	}
	if r, err = Open(path, pass, opt); err != nil {
		b.Fatal(err)
	}
	return r
}
