package service

import (
	"context"
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"atpreg/internal/mailin/mailtest"
)

// BenchmarkIntake10MBEmail takes in a 10 MB email (a filled PDF form and
// five attachments) with the durable commit, into a fresh register each
// time (the register is made outside the timer).
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
	b.ReportMetric(float64(len(eml))/(1<<20), "MB")
	ctx := context.Background()
	var cpu time.Duration
	n := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		r := testRegister(b, false)
		c0 := cpuTime()
		b.StartTimer()
		rep, err := r.ApplyIntake(ctx, []IntakeFile{{Name: "reply.eml", Data: eml}}, IntakeOptions{})
		b.StopTimer()
		cpu += cpuTime() - c0
		n++
		b.StartTimer()
		if err != nil || rep.Created != 1 || len(rep.Items[0].Attachments) != 6 {
			b.Fatalf("%v %+v", err, rep)
		}
	}
	// CPU time (user and system) of the process per intake: the figure to
	// read on a busy machine, where wall time includes waiting for a core.
	b.ReportMetric(float64(cpu.Milliseconds())/float64(n), "cpu-ms/op")
}
