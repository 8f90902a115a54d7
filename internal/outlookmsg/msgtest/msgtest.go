// Package msgtest writes small Outlook .msg files for tests: a Compound File
// (version 3, 512-byte sectors, a mini stream for streams under 4096 bytes)
// holding MAPI properties laid out as MS-OXMSG says, so that tests can make
// messages real files seldom show (ANSI strings in Big5, RTF-only bodies,
// embedded messages several levels deep) with fictional content.
package msgtest

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"sort"
	"strings"
	"time"
	"unicode/utf16"
)

// Property types.
const (
	Long    = 0x0003
	Boolean = 0x000B
	Object  = 0x000D
	String8 = 0x001E
	Unicode = 0x001F
	SysTime = 0x0040
	Binary  = 0x0102
)

// Prop is one property. Value is a string for Unicode, []byte for String8
// (already in the message's code page) and Binary, an int for Long, a bool
// for Boolean and a time.Time for SysTime.
type Prop struct {
	ID   uint16
	Type uint16
	Val  any
}

// Attachment is one attachment's properties and, for an embedded message
// (PR_ATTACH_METHOD 5), the message.
type Attachment struct {
	Props    []Prop
	Embedded *Message
	Raw      map[string][]byte // streams written as they are, as Message.Raw
}

// Message is a message's properties, recipients and attachments.
type Message struct {
	Props       []Prop
	Recipients  [][]Prop
	Attachments []Attachment
	// Raw gives streams of the message's storage as they are, in place of
	// the ones its properties would write (e.g. "__properties_version1.0"),
	// so tests can hand the reader broken ones.
	Raw map[string][]byte
}

// Bytes writes m as a .msg file.
func (m *Message) Bytes() []byte {
	root := &node{name: "Root Entry", dir: true}
	m.fill(root, true)
	return writeCFB(root)
}

// node is a storage or stream of the container.
type node struct {
	name     string
	dir      bool
	data     []byte
	children []*node
}

func (n *node) add(c *node) *node { n.children = append(n.children, c); return c }

func (m *Message) fill(dir *node, top bool) {
	var hdr []byte
	if top {
		hdr = make([]byte, 32)
	} else {
		hdr = make([]byte, 24)
	}
	binary.LittleEndian.PutUint32(hdr[8:], uint32(len(m.Recipients)))
	binary.LittleEndian.PutUint32(hdr[12:], uint32(len(m.Attachments)))
	binary.LittleEndian.PutUint32(hdr[16:], uint32(len(m.Recipients)))
	binary.LittleEndian.PutUint32(hdr[20:], uint32(len(m.Attachments)))
	dir.add(&node{name: "__nameid_version1.0", dir: true})
	writeProps(dir, hdr, m.Props)
	raw(dir, m.Raw)
	for i, r := range m.Recipients {
		rd := dir.add(&node{name: fmt.Sprintf("__recip_version1.0_#%08X", i), dir: true})
		writeProps(rd, make([]byte, 8), r)
	}
	for i, a := range m.Attachments {
		ad := dir.add(&node{name: fmt.Sprintf("__attach_version1.0_#%08X", i), dir: true})
		props := a.Props
		if a.Embedded != nil {
			props = append(append([]Prop{}, props...), Prop{0x3705, Long, 5}, Prop{0x3701, Object, nil})
			ed := ad.add(&node{name: "__substg1.0_3701000D", dir: true})
			a.Embedded.fill(ed, false)
		}
		writeProps(ad, make([]byte, 8), props)
		raw(ad, a.Raw)
	}
}

// raw puts streams into dir as they are, replacing those of the same name.
func raw(dir *node, streams map[string][]byte) {
	names := make([]string, 0, len(streams))
	for n := range streams {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		replaced := false
		for _, c := range dir.children {
			if c.name == name && !c.dir {
				c.data, replaced = streams[name], true
			}
		}
		if !replaced {
			dir.add(&node{name: name, data: streams[name]})
		}
	}
}

func writeProps(dir *node, hdr []byte, props []Prop) {
	ps := append([]byte{}, hdr...)
	for _, p := range props {
		e := make([]byte, 16)
		binary.LittleEndian.PutUint32(e[0:], uint32(p.ID)<<16|uint32(p.Type))
		binary.LittleEndian.PutUint32(e[4:], 6) // readable, writable
		var data []byte
		switch v := p.Val.(type) {
		case string:
			for _, u := range utf16.Encode([]rune(v)) {
				data = binary.LittleEndian.AppendUint16(data, u)
			}
			binary.LittleEndian.PutUint32(e[8:], uint32(len(data)+2))
		case []byte:
			data = v
			binary.LittleEndian.PutUint32(e[8:], uint32(len(data)))
		case int:
			binary.LittleEndian.PutUint32(e[8:], uint32(int32(v)))
		case bool:
			if v {
				e[8] = 1
			}
		case time.Time:
			ft := uint64(v.Unix())*10000000 + 116444736000000000
			binary.LittleEndian.PutUint64(e[8:], ft)
		case nil:
			binary.LittleEndian.PutUint32(e[8:], 0xFFFFFFFF)
		}
		ps = append(ps, e...)
		switch p.Type {
		case Unicode, String8, Binary:
			dir.add(&node{name: fmt.Sprintf("__substg1.0_%04X%04X", p.ID, p.Type), data: data})
		}
	}
	dir.add(&node{name: "__properties_version1.0", data: ps})
}

// CompressRTF writes rtf in the compressed RTF format of MS-OXRTFCP, with
// literals only (valid, if not small) and the end marker, and its CRC.
func CompressRTF(rtf []byte) []byte {
	const prebufLen = 207
	var body []byte
	pos := prebufLen
	for i := 0; i < len(rtf); i += 8 {
		end := i + 8
		if end > len(rtf) {
			end = len(rtf)
		}
		control := byte(0)
		chunk := rtf[i:end]
		if len(chunk) < 8 {
			control = 1 << len(chunk) // the end marker follows the literals
		}
		body = append(body, control)
		body = append(body, chunk...)
		pos = (pos + len(chunk)) % 4096
		if len(chunk) < 8 {
			body = append(body, byte(pos>>4), byte(pos<<4))
		}
	}
	if len(rtf)%8 == 0 {
		body = append(body, 1, byte(pos>>4), byte(pos<<4))
	}
	out := make([]byte, 16, 16+len(body))
	binary.LittleEndian.PutUint32(out[0:], uint32(len(body)+12))
	binary.LittleEndian.PutUint32(out[4:], uint32(len(rtf)))
	binary.LittleEndian.PutUint32(out[8:], 0x75465a4c)
	binary.LittleEndian.PutUint32(out[12:], ^crc32.Update(^uint32(0), crc32.IEEETable, body))
	return append(out, body...)
}

const (
	sectorSize = 512
	miniSize   = 64
	cutoff     = 4096
	endOfChain = 0xFFFFFFFE
	freeSect   = 0xFFFFFFFF
	fatSect    = 0xFFFFFFFD
	noStream   = 0xFFFFFFFF
)

type entry struct {
	n                  *node
	left, right, child uint32
	start              uint32
	size               uint32
}

// writeCFB lays the tree out as a Compound File.
func writeCFB(root *node) []byte {
	var entries []*entry
	var add func(n *node) uint32
	add = func(n *node) uint32 {
		id := uint32(len(entries))
		e := &entry{n: n, left: noStream, right: noStream, child: noStream}
		entries = append(entries, e)
		kids := append([]*node{}, n.children...)
		sort.Slice(kids, func(i, j int) bool { return less(kids[i].name, kids[j].name) })
		ids := make([]uint32, len(kids))
		for i, k := range kids {
			ids[i] = add(k)
		}
		e.child = tree(entries, ids)
		return id
	}
	add(root)

	// The mini stream holds streams under the cutoff; bigger ones get sectors.
	var mini []byte
	var miniFAT []uint32
	var big [][]byte
	var bigEntries []*entry
	for _, e := range entries[1:] {
		if e.n.dir {
			continue
		}
		e.size = uint32(len(e.n.data))
		if len(e.n.data) == 0 {
			e.start = endOfChain
			continue
		}
		if len(e.n.data) < cutoff {
			e.start = uint32(len(mini) / miniSize)
			n := (len(e.n.data) + miniSize - 1) / miniSize
			for i := 0; i < n; i++ {
				next := uint32(len(miniFAT) + 1)
				if i == n-1 {
					next = endOfChain
				}
				miniFAT = append(miniFAT, next)
			}
			mini = append(mini, pad(e.n.data, miniSize)...)
			continue
		}
		big = append(big, e.n.data)
		bigEntries = append(bigEntries, e)
	}
	dirBytes := make([]byte, 0, (len(entries)+3)/4*4*128)
	nDir := (len(entries) + 3) / 4
	miniFATBytes := padWith(u32s(miniFAT), sectorSize, 0xFF)
	nMiniFAT := len(miniFATBytes) / sectorSize
	nMini := (len(mini) + sectorSize - 1) / sectorSize
	nBig := 0
	for _, b := range big {
		nBig += (len(b) + sectorSize - 1) / sectorSize
	}
	other := nDir + nMiniFAT + nMini + nBig
	nFAT := 1
	for (other+nFAT+127)/128 > nFAT {
		nFAT++
	}
	if nFAT > 109 {
		panic("msgtest: file too large for the header's DIFAT")
	}
	fat := make([]uint32, 0, nFAT*128)
	for i := 0; i < nFAT; i++ {
		fat = append(fat, fatSect)
	}
	chain := func(n int) uint32 {
		if n == 0 {
			return endOfChain
		}
		start := uint32(len(fat))
		for i := 0; i < n; i++ {
			next := uint32(len(fat) + 1)
			if i == n-1 {
				next = endOfChain
			}
			fat = append(fat, next)
		}
		return start
	}
	dirStart := chain(nDir)
	miniFATStart := chain(nMiniFAT)
	miniStart := chain(nMini)
	for i, b := range big {
		bigEntries[i].start = chain((len(b) + sectorSize - 1) / sectorSize)
	}
	entries[0].start = miniStart
	entries[0].size = uint32(len(mini))
	if len(mini) == 0 {
		entries[0].start = endOfChain
	}
	for _, e := range entries {
		dirBytes = append(dirBytes, dirEntry(e)...)
	}
	for len(dirBytes) < nDir*sectorSize {
		empty := &entry{n: &node{}, left: noStream, right: noStream, child: noStream}
		dirBytes = append(dirBytes, dirEntry(empty)...)
	}

	h := make([]byte, 512)
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(h[24:], 0x3E)
	binary.LittleEndian.PutUint16(h[26:], 3)
	binary.LittleEndian.PutUint16(h[28:], 0xFFFE)
	binary.LittleEndian.PutUint16(h[30:], 9)
	binary.LittleEndian.PutUint16(h[32:], 6)
	binary.LittleEndian.PutUint32(h[44:], uint32(nFAT))
	binary.LittleEndian.PutUint32(h[48:], dirStart)
	binary.LittleEndian.PutUint32(h[56:], cutoff)
	binary.LittleEndian.PutUint32(h[60:], miniFATStart)
	binary.LittleEndian.PutUint32(h[64:], uint32(nMiniFAT))
	binary.LittleEndian.PutUint32(h[68:], endOfChain)
	for i := 0; i < 109; i++ {
		v := uint32(freeSect)
		if i < nFAT {
			v = uint32(i)
		}
		binary.LittleEndian.PutUint32(h[76+4*i:], v)
	}
	out := append([]byte{}, h...)
	out = append(out, padWith(u32s(fat), nFAT*sectorSize, 0xFF)...)
	out = append(out, dirBytes...)
	out = append(out, miniFATBytes...)
	out = append(out, pad(mini, sectorSize)...)
	for _, b := range big {
		out = append(out, pad(b, sectorSize)...)
	}
	return out
}

// tree links sorted sibling ids into a balanced binary tree, returning its root.
func tree(entries []*entry, ids []uint32) uint32 {
	if len(ids) == 0 {
		return noStream
	}
	mid := len(ids) / 2
	e := entries[ids[mid]]
	e.left = tree(entries, ids[:mid])
	e.right = tree(entries, ids[mid+1:])
	return ids[mid]
}

// less is the Compound File order of names: shorter first, then by upper case.
func less(a, b string) bool {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	if len(ua) != len(ub) {
		return len(ua) < len(ub)
	}
	return strings.ToUpper(a) < strings.ToUpper(b)
}

func dirEntry(e *entry) []byte {
	b := make([]byte, 128)
	name := utf16.Encode([]rune(e.n.name))
	if len(name) > 31 {
		panic("msgtest: name too long: " + e.n.name)
	}
	for i, u := range name {
		binary.LittleEndian.PutUint16(b[2*i:], u)
	}
	if e.n.name != "" {
		binary.LittleEndian.PutUint16(b[64:], uint16(2*(len(name)+1)))
		switch {
		case e.n.name == "Root Entry":
			b[66] = 5
		case e.n.dir:
			b[66] = 1
		default:
			b[66] = 2
		}
	}
	b[67] = 1 // black
	binary.LittleEndian.PutUint32(b[68:], e.left)
	binary.LittleEndian.PutUint32(b[72:], e.right)
	binary.LittleEndian.PutUint32(b[76:], e.child)
	if e.n.name != "" && (!e.n.dir || e.n.name == "Root Entry") {
		binary.LittleEndian.PutUint32(b[116:], e.start)
		binary.LittleEndian.PutUint32(b[120:], e.size)
	}
	return b
}

func u32s(v []uint32) []byte {
	b := make([]byte, 0, 4*len(v))
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	return b
}

// pad pads b with zeros to a multiple of n bytes.
func pad(b []byte, n int) []byte { return padWith(b, n, 0) }

// padWith pads b with the byte c to a multiple of n bytes (0xFF marks the
// unused entries of a FAT as free sectors).
func padWith(b []byte, n int, c byte) []byte {
	for len(b)%n != 0 {
		b = append(b, c)
	}
	return b
}
