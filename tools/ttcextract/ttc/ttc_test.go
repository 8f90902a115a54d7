package ttc_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"atpreg/tools/ttcextract/ttc"
)

const (
	systemTTC    = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	committedTTF = "../../../internal/pdfdoc/font/wqy-microhei.ttf"
)

// TestReproducesCommittedFont re-extracts face 0 of the system collection and
// compares it byte for byte with the font committed to the repository.
func TestReproducesCommittedFont(t *testing.T) {
	src, err := os.ReadFile(systemTTC)
	if os.IsNotExist(err) {
		t.Skipf("%s is absent (Debian package fonts-wqy-microhei not installed): cannot re-extract", systemTTC)
	}
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(committedTTF)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ttc.Extract(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("re-extracted face 0 (%d bytes) differs from the committed font (%d bytes)", len(got), len(want))
	}
	again, err := ttc.Extract(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Fatal("two extractions differ")
	}
}

// TestCommittedFontIsValid checks the committed font parses as a TrueType
// font and that its whole-file checksum is the magic 0xB1B0AFBA.
func TestCommittedFontIsValid(t *testing.T) {
	b, err := os.ReadFile(committedTTF)
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(b)
	if err != nil {
		t.Fatalf("committed font does not parse: %v", err)
	}
	if f.NumGlyphs() < 20000 {
		t.Fatalf("only %d glyphs; expected a CJK font", f.NumGlyphs())
	}
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	if sum != 0xB1B0AFBA {
		t.Fatalf("whole-file checksum %#x, want 0xB1B0AFBA", sum)
	}
}

// minimalTTC builds a collection of faces faces, each with one head table.
func minimalTTC(faces int) []byte {
	be := binary.BigEndian
	hdr := 12 + 4*faces
	face := 12 + 16 // offset table with one record
	head := make([]byte, 54)
	copy(head[12:], []byte{0x5F, 0x0F, 0x3C, 0xF5}) // magic
	b := make([]byte, hdr+faces*face)
	copy(b, "ttcf")
	be.PutUint32(b[4:], 0x00010000)
	be.PutUint32(b[8:], uint32(faces))
	headOff := len(b)
	b = append(b, head...)
	for i := range faces {
		off := hdr + i*face
		be.PutUint32(b[12+4*i:], uint32(off))
		be.PutUint32(b[off:], 0x00010000)
		be.PutUint16(b[off+4:], 1)
		copy(b[off+12:], "head")
		be.PutUint32(b[off+20:], uint32(headOff))
		be.PutUint32(b[off+24:], uint32(len(head)))
	}
	return b
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name    string
		src     []byte
		face    int
		wantErr string
	}{
		{"OK", minimalTTC(2), 1, ""},
		{"ErrNotCollection", []byte("\x00\x01\x00\x00 plain ttf"), 0, "not a TrueType collection"},
		{"ErrFaceOutOfRange", minimalTTC(2), 2, "out of range"},
		{"ErrNegativeFace", minimalTTC(1), -1, "out of range"},
		{"ErrTruncated", minimalTTC(1)[:30], 0, "truncated"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := ttc.Extract(tc.src, tc.face)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(out)%4 != 0 || string(out[12:16]) != "head" {
				t.Fatalf("unexpected layout: % x", out[:16])
			}
			var sum uint32
			for i := 0; i < len(out); i += 4 {
				sum += binary.BigEndian.Uint32(out[i:])
			}
			if sum != 0xB1B0AFBA {
				t.Fatalf("whole-file checksum %#x, want 0xB1B0AFBA", sum)
			}
		})
	}
}
