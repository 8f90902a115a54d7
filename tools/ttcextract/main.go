// Command ttcextract copies one face of a TrueType collection (.ttc) into a
// standalone TrueType font (.ttf): the face's tables are copied in tag order,
// each padded to four bytes, their checksums recomputed and the head table's
// checkSumAdjustment set. The output is byte-identical from run to run.
//
// Usage:
//
//	go run ./tools/ttcextract -face 0 -o internal/pdfdoc/font/wqy-microhei.ttf \
//	    /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
package main

import (
	"flag"
	"fmt"
	"os"

	"atpreg/tools/ttcextract/ttc"
)

func main() {
	face := flag.Int("face", 0, "index of the face to extract (0 is the first)")
	out := flag.String("o", "", "output .ttf file (required)")
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: ttcextract -face N -o out.ttf collection.ttc")
		os.Exit(2)
	}
	src, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "ttcextract:", err)
		os.Exit(1)
	}
	ttf, err := ttc.Extract(src, *face)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ttcextract:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, ttf, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "ttcextract:", err)
		os.Exit(1)
	}
}
