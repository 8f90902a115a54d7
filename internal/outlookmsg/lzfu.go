package outlookmsg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

// rtfPrebuffer is the dictionary's initial content defined by MS-OXRTFCP 2.1.3.1.
const rtfPrebuffer = "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx"

const (
	compressedMagic   = 0x75465a4c // "LZFu"
	uncompressedMagic = 0x414c454d // "MELA"
)

// ErrRTF is wrapped by every error DecompressRTF returns.
var ErrRTF = errors.New("compressed RTF is damaged")

// DecompressRTF decompresses PR_RTF_COMPRESSED (MS-OXRTFCP): the LZFu
// compressed form, checked by its CRC, or the uncompressed "MELA" form. The
// output is at most maxOut bytes (the header's raw size is not trusted
// beyond that); maxOut <= 0 means four times the input plus 64 KiB.
func DecompressRTF(b []byte, maxOut int) ([]byte, error) {
	if len(b) < 16 {
		return nil, fmt.Errorf("%w: %d bytes, shorter than its header", ErrRTF, len(b))
	}
	compSize := int64(binary.LittleEndian.Uint32(b[0:4]))
	rawSize := int64(binary.LittleEndian.Uint32(b[4:8]))
	magic := binary.LittleEndian.Uint32(b[8:12])
	crc := binary.LittleEndian.Uint32(b[12:16])
	if maxOut <= 0 {
		maxOut = 4*len(b) + 64<<10
	}
	// COMPSIZE counts the bytes after itself; a few writers leave trailing bytes.
	end := int64(len(b))
	if compSize+4 < end {
		end = compSize + 4
	}
	if compSize+4 < 16 {
		return nil, fmt.Errorf("%w: it says %d bytes, shorter than its header", ErrRTF, compSize+4)
	}
	if compSize+4 > int64(len(b)) {
		return nil, fmt.Errorf("%w: it says %d bytes, only %d are there", ErrRTF, compSize+4, len(b))
	}
	body := b[16:end]
	switch magic {
	case uncompressedMagic:
		if rawSize > int64(len(body)) {
			rawSize = int64(len(body))
		}
		return append([]byte(nil), body[:rawSize]...), nil
	case compressedMagic:
	default:
		return nil, fmt.Errorf("%w: unknown compression type %#x", ErrRTF, magic)
	}
	if got := rtfCRC(body); got != crc {
		return nil, fmt.Errorf("%w: checksum %#08x, expected %#08x", ErrRTF, got, crc)
	}
	capacity := rawSize
	if capacity > int64(maxOut) {
		capacity = int64(maxOut)
	}
	out := make([]byte, 0, capacity)
	var dict [4096]byte
	copy(dict[:], rtfPrebuffer)
	wpos := len(rtfPrebuffer)
	i := 0
	for i < len(body) {
		control := body[i]
		i++
		for bit := 0; bit < 8; bit++ {
			if i >= len(body) {
				// The stream may end mid control byte only after its end marker;
				// running out of input is tolerated as the end.
				return out, nil
			}
			if control&(1<<bit) == 0 {
				c := body[i]
				i++
				if len(out) >= maxOut {
					return nil, fmt.Errorf("%w: it grows past %d bytes", ErrRTF, maxOut)
				}
				out = append(out, c)
				dict[wpos] = c
				wpos = (wpos + 1) & 4095
				continue
			}
			if i+1 >= len(body) {
				return nil, fmt.Errorf("%w: a reference is cut short", ErrRTF)
			}
			ref := int(b16(body[i:]))
			i += 2
			offset := ref >> 4
			length := ref&0xf + 2
			if offset == wpos {
				return out, nil
			}
			if len(out)+length > maxOut {
				return nil, fmt.Errorf("%w: it grows past %d bytes", ErrRTF, maxOut)
			}
			for k := 0; k < length; k++ {
				c := dict[(offset+k)&4095]
				out = append(out, c)
				dict[wpos] = c
				wpos = (wpos + 1) & 4095
			}
		}
	}
	return out, nil
}

func b16(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }

// rtfCRC is the CRC of MS-OXRTFCP 2.1.3.2: CRC-32 (IEEE) starting at 0 with no
// final inversion, which is the complement of the usual CRC-32 started at ^0.
func rtfCRC(b []byte) uint32 {
	return ^crc32.Update(^uint32(0), crc32.IEEETable, b)
}
