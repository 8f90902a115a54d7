// Package outlookmsg reads Outlook .msg files (what dragging a message out of
// Outlook gives): a Compound File Binary container (read with
// github.com/richardlehane/mscfb) holding the message's MAPI properties as
// laid out by Microsoft's MS-OXMSG. It returns the properties a person
// cares about, decoded to UTF-8 (Unicode and code-page "ANSI" strings alike),
// with recipients, attachments and embedded messages; the compressed RTF
// body is decompressed (MS-OXRTFCP) and RTFText turns it into text.
//
// It knows nothing of the register: package mailin turns its Message into
// the value the intake uses. Every read is bounded by the input's size and
// by Limits, so a hostile file cannot exhaust memory or time.
package outlookmsg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/richardlehane/mscfb"
)

// RecipientType says on which line a recipient was (PR_RECIPIENT_TYPE).
type RecipientType int

// The recipient lines.
const (
	To  RecipientType = 1
	Cc  RecipientType = 2
	Bcc RecipientType = 3
)

// Recipient is one entry of the recipient table.
type Recipient struct {
	Type  RecipientType
	Name  string // PR_DISPLAY_NAME
	Email string // the SMTP address (PR_SMTP_ADDRESS, else PR_EMAIL_ADDRESS when it is one)
}

// Attachment is one entry of the attachment table.
type Attachment struct {
	Name        string   // long file name, else short file name, else display name
	ContentType string   // PR_ATTACH_MIME_TAG, may be empty
	ContentID   string   // PR_ATTACH_CONTENT_ID, for pictures an HTML body shows
	Hidden      bool     // PR_ATTACHMENT_HIDDEN
	Data        []byte   // the file (PR_ATTACH_DATA_BIN); nil for an embedded message
	Message     *Message // the embedded message (PR_ATTACH_DATA_OBJ of method 5)
}

// Message holds the properties of one message (the file's, or an embedded one).
type Message struct {
	Class            string // PR_MESSAGE_CLASS, e.g. IPM.Note
	Subject          string
	SenderName       string
	SenderEmail      string // an SMTP address, or "" when only an Exchange address is known
	DisplayTo        string // PR_DISPLAY_TO: names separated by "; "
	DisplayCc        string
	Recipients       []Recipient
	SubmitTime       time.Time // PR_CLIENT_SUBMIT_TIME (UTC), zero if absent
	DeliveryTime     time.Time // PR_MESSAGE_DELIVERY_TIME (UTC), zero if absent
	MessageID        string    // PR_INTERNET_MESSAGE_ID
	TransportHeaders string    // PR_TRANSPORT_MESSAGE_HEADERS: the internet headers it arrived with
	Body             string    // PR_BODY: the plain-text body
	HTML             string    // PR_HTML, decoded to UTF-8
	RTF              []byte    // PR_RTF_COMPRESSED, decompressed; see RTFText
	CodePage         int       // the code page its 8-bit strings were read in
	Attachments      []Attachment
}

// Limits bounds what Read accepts.
type Limits struct {
	MaxDepth       int // levels of embedded messages inside embedded messages; 0 allows none
	MaxAttachments int // attachments in all, embedded messages' included; 0 allows none
}

// DefaultLimits allows 10 levels of embedded messages and 500 attachments.
var DefaultLimits = Limits{MaxDepth: 10, MaxAttachments: 500}

// ErrNotMSG is returned for input that is not an Outlook message: not a
// Compound File, or a Compound File without message properties (a Word .doc).
var ErrNotMSG = errors.New("not an Outlook message")

// ErrDamaged is wrapped by errors about a container that cannot be read.
var ErrDamaged = errors.New("the Outlook message is damaged")

// LimitError says which limit input went past.
type LimitError struct {
	What  string // "depth" or "attachments"
	Limit int
}

// Error says which limit was passed.
func (e *LimitError) Error() string {
	return fmt.Sprintf("the Outlook message has more %s than the limit of %d", e.What, e.Limit)
}

// Property tags (id << 16 | type) and ids of MS-OXPROPS used here.
const (
	ptLong    = 0x0003
	ptBoolean = 0x000B
	ptObject  = 0x000D
	ptString8 = 0x001E
	ptUnicode = 0x001F
	ptSysTime = 0x0040
	ptBinary  = 0x0102

	pidMessageClass      = 0x001A
	pidSubject           = 0x0037
	pidClientSubmitTime  = 0x0039
	pidSentReprName      = 0x0042
	pidSentReprAddrType  = 0x0064
	pidSentReprEmail     = 0x0065
	pidTransportHeaders  = 0x007D
	pidRecipientType     = 0x0C15
	pidSenderName        = 0x0C1A
	pidSenderAddrType    = 0x0C1E
	pidSenderEmail       = 0x0C1F
	pidDisplayCc         = 0x0E03
	pidDisplayTo         = 0x0E04
	pidDeliveryTime      = 0x0E06
	pidBody              = 0x1000
	pidRTFCompressed     = 0x1009
	pidHTML              = 0x1013
	pidInternetMessageID = 0x1035
	pidDisplayName       = 0x3001
	pidAddrType          = 0x3002
	pidEmailAddress      = 0x3003
	pidAttachData        = 0x3701
	pidAttachExtension   = 0x3703
	pidAttachFilename    = 0x3704
	pidAttachMethod      = 0x3705
	pidAttachLongName    = 0x3707
	pidAttachMimeTag     = 0x370E
	pidAttachContentID   = 0x3712
	pidSMTPAddress       = 0x39FE
	pidInternetCPID      = 0x3FDE
	pidMessageCodePage   = 0x3FFD
	pidSenderSMTP        = 0x5D01
	pidSentReprSMTP      = 0x5D02
	pidAttachmentHidden  = 0x7FFE

	attachEmbeddedMsg = 5
)

// storage is one folder of the container: its streams and sub-storages.
type storage struct {
	streams  map[string]*mscfb.File
	children map[string]*storage
}

// reader carries what bounds one Read.
type reader struct {
	budget   int64 // bytes still allowed to be read from streams
	maxDepth int
	maxAtt   int
	nAtt     int
}

// Read reads an Outlook .msg file held in data.
//
// Errors: ErrNotMSG for input that is no Outlook message; a *LimitError
// when it nests or holds more than lim allows; an error wrapping ErrDamaged
// when the container or a property stream is broken.
func Read(data []byte, lim Limits) (msg *Message, err error) {
	if len(data) < 512 || !bytes.HasPrefix(data, cfbMagic) {
		return nil, ErrNotMSG
	}
	defer func() {
		// mscfb reads hostile input; a panic there means a damaged file.
		if p := recover(); p != nil {
			msg, err = nil, fmt.Errorf("%w: the container could not be read (%v)", ErrDamaged, p)
		}
	}()
	root, err := openTree(data)
	if err != nil {
		return nil, err
	}
	if _, ok := root.streams[propStream]; !ok {
		return nil, ErrNotMSG
	}
	r := &reader{budget: int64(len(data)) + 1<<20, maxDepth: lim.MaxDepth, maxAtt: lim.MaxAttachments}
	return r.message(root, 32, 0, 1252)
}

// IsMSG reports whether data is a Compound File that holds an Outlook
// message's property stream, without reading the message.
func IsMSG(data []byte) (ok bool) {
	if len(data) < 512 || !bytes.HasPrefix(data, cfbMagic) {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	root, err := openTree(data)
	if err != nil {
		return false
	}
	_, ok = root.streams[propStream]
	return ok
}

// IsCFB reports whether data is a Compound File whose directory can be
// read (an Outlook message, or a Word .doc or Excel .xls of old).
func IsCFB(data []byte) (ok bool) {
	if len(data) < 512 || !bytes.HasPrefix(data, cfbMagic) {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_, err := openTree(data)
	return err == nil
}

var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

const propStream = "__properties_version1.0"

// openTree reads the container's directory into a tree of storages.
func openTree(data []byte) (*storage, error) {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	root := newStorage()
	for _, f := range doc.File {
		if f == nil || f == doc.File[0] {
			continue // the root entry itself
		}
		dir := root
		for _, name := range f.Path {
			dir = dir.child(name)
		}
		if f.FileInfo().IsDir() {
			dir.child(f.Name)
		} else {
			dir.streams[f.Name] = f
		}
	}
	return root, nil
}

func newStorage() *storage {
	return &storage{streams: map[string]*mscfb.File{}, children: map[string]*storage{}}
}

func (s *storage) child(name string) *storage {
	c, ok := s.children[name]
	if !ok {
		c = newStorage()
		s.children[name] = c
	}
	return c
}

// stream returns the content of a stream of s, or nil if there is none.
func (r *reader) stream(s *storage, name string) ([]byte, error) {
	f, ok := s.streams[name]
	if !ok {
		return nil, nil
	}
	if f.Size <= 0 {
		return []byte{}, nil
	}
	if f.Size > r.budget {
		return nil, fmt.Errorf("%w: a stream claims %d bytes, more than the file holds", ErrDamaged, f.Size)
	}
	r.budget -= f.Size
	buf := make([]byte, f.Size)
	n, err := io.ReadFull(f, buf)
	if err != nil && n < len(buf) {
		return nil, fmt.Errorf("%w: a stream cannot be read (%v)", ErrDamaged, err)
	}
	return buf, nil
}

// props is one property storage: fixed-size values from the property
// stream and variable-size values from __substg1.0_ streams.
type props struct {
	r     *reader
	s     *storage
	fixed map[uint32]uint64 // tag -> 8-byte value
	cp    int               // code page for PT_STRING8
}

func (r *reader) props(s *storage, headerLen int, cp int) (*props, error) {
	p := &props{r: r, s: s, fixed: map[uint32]uint64{}, cp: cp}
	b, err := r.stream(s, propStream)
	if err != nil {
		return nil, err
	}
	if len(b) > headerLen {
		for i := headerLen; i+16 <= len(b); i += 16 {
			tag := binary.LittleEndian.Uint32(b[i:])
			p.fixed[tag] = binary.LittleEndian.Uint64(b[i+8:])
		}
	}
	return p, nil
}

func (p *props) long(id uint16) (int, bool) {
	v, ok := p.fixed[uint32(id)<<16|ptLong]
	return int(int32(uint32(v))), ok
}

func (p *props) boolean(id uint16) bool {
	return p.fixed[uint32(id)<<16|ptBoolean]&1 == 1
}

// time reads a PT_SYSTIME (a FILETIME: 100 ns since 1601) as UTC, to the
// second; zero if absent or outside years 1970 to 3000.
func (p *props) time(id uint16) time.Time {
	v, ok := p.fixed[uint32(id)<<16|ptSysTime]
	if !ok {
		return time.Time{}
	}
	const unixEpoch = 116444736000000000 // 1970-01-01 in FILETIME ticks
	if v < unixEpoch {
		return time.Time{}
	}
	t := time.Unix(int64((v-unixEpoch)/10000000), 0).UTC()
	if t.Year() > 3000 {
		return time.Time{}
	}
	return t
}

func substg(id, typ uint16) string {
	return fmt.Sprintf("__substg1.0_%04X%04X", id, typ)
}

// str reads a string property stored as Unicode or as 8-bit text.
func (p *props) str(id uint16) (string, error) {
	if b, err := p.r.stream(p.s, substg(id, ptUnicode)); err != nil || b != nil {
		return strings.TrimRight(decodeUTF16(b), "\x00"), err
	}
	b, err := p.r.stream(p.s, substg(id, ptString8))
	if err != nil || b == nil {
		return "", err
	}
	return strings.TrimRight(DecodeCodePage(p.cp, b), "\x00"), nil
}

func (p *props) binary(id uint16) ([]byte, error) {
	return p.r.stream(p.s, substg(id, ptBinary))
}

// strs reads several string properties, stopping at the first error.
func (p *props) strs(dst map[uint16]*string) error {
	for id, d := range dst {
		v, err := p.str(id)
		if err != nil {
			return err
		}
		*d = v
	}
	return nil
}

// message reads the message whose properties are in s. headerLen is the
// property stream's header size: 32 for the file's message, 24 for an
// embedded one. cp is the code page inherited from an enclosing message.
func (r *reader) message(s *storage, headerLen, depth, cp int) (*Message, error) {
	p, err := r.props(s, headerLen, cp)
	if err != nil {
		return nil, err
	}
	if v, ok := p.long(pidMessageCodePage); ok && knownCodePage(v) {
		p.cp = v
	} else if v, ok := p.long(pidInternetCPID); ok && knownCodePage(v) {
		p.cp = v
	}
	m := &Message{CodePage: p.cp, SubmitTime: p.time(pidClientSubmitTime), DeliveryTime: p.time(pidDeliveryTime)}
	var senderSMTP, senderEmail, senderType, reprSMTP, reprEmail, reprType, reprName string
	err = p.strs(map[uint16]*string{
		pidMessageClass: &m.Class, pidSubject: &m.Subject, pidSenderName: &m.SenderName,
		pidDisplayTo: &m.DisplayTo, pidDisplayCc: &m.DisplayCc, pidInternetMessageID: &m.MessageID,
		pidTransportHeaders: &m.TransportHeaders, pidBody: &m.Body,
		pidSenderSMTP: &senderSMTP, pidSenderEmail: &senderEmail, pidSenderAddrType: &senderType,
		pidSentReprSMTP: &reprSMTP, pidSentReprEmail: &reprEmail, pidSentReprAddrType: &reprType,
		pidSentReprName: &reprName,
	})
	if err != nil {
		return nil, err
	}
	m.SenderEmail = firstSMTP(senderSMTP, smtpOf(senderType, senderEmail), reprSMTP, smtpOf(reprType, reprEmail))
	if m.SenderName == "" {
		m.SenderName = reprName
	}
	if err := r.bodies(p, m); err != nil {
		return nil, err
	}
	if m.Recipients, err = r.recipients(s, p.cp); err != nil {
		return nil, err
	}
	if m.Attachments, err = r.attachments(s, depth, p.cp); err != nil {
		return nil, err
	}
	return m, nil
}

// bodies reads the HTML and the compressed RTF bodies.
func (r *reader) bodies(p *props, m *Message) error {
	htmlCP := p.cp
	if v, ok := p.long(pidInternetCPID); ok && knownCodePage(v) {
		htmlCP = v
	}
	if b, err := p.binary(pidHTML); err != nil {
		return err
	} else if b != nil {
		m.HTML = DecodeCodePage(htmlCP, b)
	} else if m.HTML, err = p.str(pidHTML); err != nil {
		return err
	}
	b, err := p.binary(pidRTFCompressed)
	if err != nil || b == nil {
		return err
	}
	// A damaged RTF body is left out rather than failing the whole message:
	// the plain or HTML body usually says the same.
	// LZFu expands at most 8 times (a 2-byte reference gives 17 bytes).
	if rtf, err := DecompressRTF(b, 8*len(b)+1024); err == nil {
		m.RTF = rtf
	}
	return nil
}

// smtpOf returns addr when the address type says it is an SMTP address.
func smtpOf(addrType, addr string) string {
	if strings.EqualFold(addrType, "SMTP") || (addrType == "" && strings.Contains(addr, "@")) {
		return addr
	}
	return ""
}

func firstSMTP(cands ...string) string {
	for _, c := range cands {
		if c = strings.TrimSpace(c); c != "" && strings.Contains(c, "@") {
			return c
		}
	}
	return ""
}

// numbered returns the children of s whose names start with prefix, in the
// order of their number (the hexadecimal suffix after "#").
func numbered(s *storage, prefix string) []*storage {
	type entry struct {
		n uint64
		s *storage
	}
	var es []entry
	for name, c := range s.children {
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		n, err := strconv.ParseUint(strings.TrimPrefix(name, prefix), 16, 32)
		if err != nil {
			continue
		}
		es = append(es, entry{n, c})
	}
	sort.Slice(es, func(i, j int) bool { return es[i].n < es[j].n })
	out := make([]*storage, len(es))
	for i, e := range es {
		out[i] = e.s
	}
	return out
}

func (r *reader) recipients(s *storage, cp int) ([]Recipient, error) {
	var out []Recipient
	for _, rs := range numbered(s, "__recip_version1.0_#") {
		p, err := r.props(rs, 8, cp)
		if err != nil {
			return nil, err
		}
		var rc Recipient
		var smtp, email, addrType string
		if err := p.strs(map[uint16]*string{pidDisplayName: &rc.Name, pidSMTPAddress: &smtp,
			pidEmailAddress: &email, pidAddrType: &addrType}); err != nil {
			return nil, err
		}
		rc.Email = firstSMTP(smtp, smtpOf(addrType, email))
		t, ok := p.long(pidRecipientType)
		if !ok {
			t = int(To)
		}
		rc.Type = RecipientType(t & 0xf) // high bits are flags (e.g. 0x10000000 "sent")
		out = append(out, rc)
	}
	return out, nil
}

func (r *reader) attachments(s *storage, depth, cp int) ([]Attachment, error) {
	var out []Attachment
	for _, as := range numbered(s, "__attach_version1.0_#") {
		r.nAtt++
		if r.nAtt > r.maxAtt {
			return nil, &LimitError{What: "attachments", Limit: r.maxAtt}
		}
		p, err := r.props(as, 8, cp)
		if err != nil {
			return nil, err
		}
		var a Attachment
		var long, short, display, ext string
		if err := p.strs(map[uint16]*string{pidAttachLongName: &long, pidAttachFilename: &short,
			pidDisplayName: &display, pidAttachExtension: &ext, pidAttachMimeTag: &a.ContentType,
			pidAttachContentID: &a.ContentID}); err != nil {
			return nil, err
		}
		a.Name = firstNonEmpty(long, short, display)
		if a.Name != "" && ext != "" && !strings.Contains(a.Name, ".") {
			a.Name += ext
		}
		a.Hidden = p.boolean(pidAttachmentHidden)
		method, _ := p.long(pidAttachMethod)
		if obj, ok := as.children[substg(pidAttachData, ptObject)]; ok && method == attachEmbeddedMsg {
			if depth+1 > r.maxDepth {
				return nil, &LimitError{What: "levels of messages inside messages", Limit: r.maxDepth}
			}
			if a.Message, err = r.message(obj, 24, depth+1, p.cp); err != nil {
				return nil, err
			}
			if a.Name == "" {
				a.Name = a.Message.Subject
			}
		} else if a.Data, err = p.binary(pidAttachData); err != nil {
			return nil, err
		} else if a.Data == nil {
			// An OLE object or an attachment by reference: there is no file to keep.
			continue
		}
		out = append(out, a)
	}
	return out, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
