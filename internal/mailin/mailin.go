// Package mailin reads submissions that arrive as emails: RFC 5322 .eml
// files (MIME of any depth and charset, RFC 2047 headers, RFC 2231 file
// names, forwarded messages) and Outlook .msg files (through package
// outlookmsg), into one plain value, Message, that the intake turns into
// register records. It has no I/O of its own and knows nothing of the
// register.
//
// Every reader is bounded against hostile input by Limits: the file's size,
// how deep emails nest in emails, how many parts an email has and how much
// it holds once decoded. Input that breaks a limit, that is not an email or
// that is damaged gives an apperr.Invalid error that names the file and says
// what to do.
package mailin

import (
	"errors"
	"fmt"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/outlookmsg"
)

// Address is one mailbox of a From, To or Cc line.
type Address struct {
	Name  string `json:"name"`  // the display name, decoded; may be empty
	Email string `json:"email"` // the address, e.g. chan.taiman@example.hk; may be empty when only a name is known
}

// Attachment is one file that came with an email: an attached file, an
// inline picture, or an email attached to the email.
type Attachment struct {
	Name        string `json:"name"`        // the file name (no folders); made up from the type when the email gave none
	ContentType string `json:"contentType"` // the MIME type, lower case, e.g. application/pdf
	Data        []byte `json:"-"`           // the file's bytes, decoded from base64 or quoted-printable
	// Message is the email itself when the attachment is one (message/rfc822,
	// an attached .eml or .msg file, an Outlook embedded message), read the
	// same way as the outer email; nil otherwise.
	Message *Message `json:"message,omitempty"`
}

// Message is an email as a person reads it.
type Message struct {
	From    []Address `json:"from"`
	To      []Address `json:"to"`
	Cc      []Address `json:"cc"`
	Subject string    `json:"subject"`
	// Date is when the email was sent (its Date header, or what Outlook
	// recorded); zero when the email does not say.
	Date time.Time `json:"date"`
	// MessageID is the Message-ID without its angle brackets; may be empty.
	MessageID string `json:"messageId"`
	// Text is the body as text a person reads: the text/plain body, else the
	// HTML body turned into text, else (Outlook) the RTF body turned into text.
	Text        string       `json:"text"`
	Attachments []Attachment `json:"attachments"`
}

// Limits bounds what the readers accept, against hostile or broken input.
type Limits struct {
	MaxBytes   int // the size of the file; 0 means the default
	MaxDepth   int // emails inside emails, levels below the outer one
	MaxParts   int // MIME parts (or Outlook attachments) in all, nested emails' included
	MaxDecoded int // bytes of attachments and text once decoded, nested emails' included
}

// DefaultLimits are the limits Read, ReadEML and ReadMSG use: a 50 MB file,
// emails nested 10 deep, 500 parts and 150 MB once decoded (three times the
// file: an attached email counts once as the attachment and again as what
// it holds, and a read must stay within 300 MB of memory).
var DefaultLimits = Limits{MaxBytes: 50 << 20, MaxDepth: 10, MaxParts: 500, MaxDecoded: 150 << 20}

// maxMIMENesting bounds multipart-in-multipart nesting within one email.
const maxMIMENesting = 50

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxParts <= 0 {
		l.MaxParts = DefaultLimits.MaxParts
	}
	if l.MaxDecoded <= 0 {
		l.MaxDecoded = 3 * l.MaxBytes
	}
	return l
}

// Read reads an email file of either kind, .eml or Outlook .msg, told apart
// by its content (see Detect), not its name. name is the file's name, used in
// error messages only.
func Read(name string, data []byte) (*Message, error) { return DefaultLimits.Read(name, data) }

// ReadEML reads an RFC 5322 email (.eml) with DefaultLimits.
func ReadEML(name string, data []byte) (*Message, error) { return DefaultLimits.ReadEML(name, data) }

// ReadMSG reads an Outlook .msg file with DefaultLimits.
func ReadMSG(name string, data []byte) (*Message, error) { return DefaultLimits.ReadMSG(name, data) }

// Read is the package's Read with the limits l.
func (l Limits) Read(name string, data []byte) (*Message, error) {
	if Detect(name, data) == KindMSG {
		return l.ReadMSG(name, data)
	}
	return l.ReadEML(name, data)
}

// ReadEML is the package's ReadEML with the limits l.
func (l Limits) ReadEML(name string, data []byte) (*Message, error) {
	r := newReader(name, l)
	if err := r.checkSize(data); err != nil {
		return nil, err
	}
	if k := Detect(name, data); k != KindEML {
		return nil, notEmail(name, k, ".eml")
	}
	m, err := r.eml(data, 0)
	if err != nil {
		return nil, r.wrap(err)
	}
	return m, nil
}

// ReadMSG is the package's ReadMSG with the limits l.
func (l Limits) ReadMSG(name string, data []byte) (*Message, error) {
	r := newReader(name, l)
	if err := r.checkSize(data); err != nil {
		return nil, err
	}
	m, err := r.msg(data, 0)
	if err != nil {
		if errors.Is(err, outlookmsg.ErrNotMSG) {
			return nil, notEmail(name, Detect(name, data), "Outlook .msg")
		}
		return nil, r.wrap(err)
	}
	return m, nil
}

// reader carries one read's limits and running totals.
type reader struct {
	name    string
	lim     Limits
	parts   int
	decoded int
}

func newReader(name string, l Limits) *reader {
	return &reader{name: name, lim: l.withDefaults()}
}

func (r *reader) checkSize(data []byte) error {
	if len(data) > r.lim.MaxBytes {
		return apperr.New(apperr.Invalid,
			"“%s” is %s, larger than the %s an email may be here. Save the email without its largest attachments (keep those as separate files) and take it in again.",
			r.name, sizeText(len(data)), sizeText(r.lim.MaxBytes))
	}
	if len(data) == 0 {
		return apperr.New(apperr.Invalid, "“%s” is empty: there is no email in it. Save the email again from the mail program.", r.name)
	}
	return nil
}

// Errors raised inside a read, turned into messages for a person by wrap.
var (
	errTooDeep    = errors.New("nested too deep")
	errTooMany    = errors.New("too many parts")
	errTooLarge   = errors.New("too large once decoded")
	errMIMEDeep   = errors.New("MIME nested too deep")
	errTruncated  = errors.New("cut short")
	errBadEncoded = errors.New("bad transfer encoding")
)

// partError says in which part of the email a problem is.
type partError struct {
	err  error
	part string // e.g. `the attachment “申請表.pdf”`
}

// Error names the part and the problem (for logs; never shown).
func (e *partError) Error() string { return e.part + ": " + e.err.Error() }

// Unwrap returns the problem.
func (e *partError) Unwrap() error { return e.err }

// wrap turns an error from inside a read into an apperr for a person.
func (r *reader) wrap(err error) error {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	var le *outlookmsg.LimitError
	var pe *partError
	where := ""
	if errors.As(err, &pe) {
		where = " (" + pe.part + ")"
	}
	switch {
	case errors.Is(err, errTooDeep) || errors.As(err, &le) && le.What != "attachments":
		return apperr.Wrap(err, apperr.Invalid,
			"“%s” has emails attached inside emails more than %d levels deep; atpreg reads at most %d. Save the innermost email on its own and take that in.",
			r.name, r.lim.MaxDepth, r.lim.MaxDepth)
	case errors.Is(err, errTooMany) || le != nil:
		return apperr.Wrap(err, apperr.Invalid,
			"“%s” has more than %d parts (bodies and attachments); atpreg reads at most %d. Save its attachments as separate files and take those in.",
			r.name, r.lim.MaxParts, r.lim.MaxParts)
	case errors.Is(err, errTooLarge):
		return apperr.Wrap(err, apperr.Invalid,
			"“%s” holds more than %s once its attachments are decoded; atpreg reads at most that much from one email. Save its attachments as separate files and take those in.",
			r.name, sizeText(r.lim.MaxDecoded))
	case errors.Is(err, errMIMEDeep):
		return apperr.Wrap(err, apperr.Invalid,
			"“%s” has its parts nested more than %d levels deep, which no mail program writes. Open it in the mail program, forward it to yourself and save that copy.",
			r.name, maxMIMENesting)
	case errors.Is(err, errTruncated):
		return apperr.Wrap(err, apperr.Invalid,
			"“%s” is cut short%s: the email ends before its last part does. Save the email again from the mail program and take in the new file.",
			r.name, where)
	case errors.Is(err, errBadEncoded):
		return apperr.Wrap(err, apperr.Invalid,
			"“%s” is damaged%s: its encoded content cannot be decoded. Save the email again from the mail program and take in the new file.",
			r.name, where)
	case errors.Is(err, outlookmsg.ErrDamaged), errors.Is(err, outlookmsg.ErrNotMSG):
		return apperr.Wrap(err, apperr.Invalid,
			"“%s” is a damaged Outlook message%s. Open it in Outlook and save it again (File, Save As, Outlook Message Format), or save it as an .eml file.",
			r.name, where)
	}
	return apperr.Wrap(err, apperr.Invalid,
		"“%s” could not be read as an email%s. Save the email again from the mail program and take in the new file.", r.name, where)
}

// notEmail is the error for a file that is not an email at all.
func notEmail(name string, k Kind, want string) error {
	var what apperr.Fixed
	switch k {
	case KindPDF:
		what = apperr.Fixed("it is a PDF document")
	case KindDOCX:
		what = apperr.Fixed("it is a Word document")
	case KindXLSX:
		what = apperr.Fixed("it is an Excel workbook")
	case KindMSG:
		what = apperr.Fixed("it is an Outlook .msg file")
	case KindEML:
		what = apperr.Fixed("it is an .eml email")
	default:
		if want == ".eml" {
			what = apperr.Fixed("it does not start with header lines such as From:, To: and Subject:")
		} else {
			what = apperr.Fixed("it is not an Outlook message file")
		}
	}
	return apperr.New(apperr.Invalid,
		"“%s” is not an %s email: %s. Choose the email file itself (saved from the mail program as .eml, or dragged out of Outlook as .msg)%s.",
		name, want, what, formHint(k))
}

func formHint(k Kind) apperr.Fixed {
	if k == KindPDF || k == KindDOCX {
		return apperr.Fixed(", or take this file in as a form")
	}
	return ""
}

// sizeText writes a byte count for a person: "12.3 MB", "800 KB", "512 bytes".
func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		v := float64(n) / (1 << 20)
		if v == float64(int(v)) {
			return fmt.Sprintf("%d MB", int(v))
		}
		return fmt.Sprintf("%.1f MB", v)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// part counts one more part against the limit.
func (r *reader) part() error {
	r.parts++
	if r.parts > r.lim.MaxParts {
		return errTooMany
	}
	return nil
}

// spend counts n more decoded bytes against the limit.
func (r *reader) spend(n int) error {
	r.decoded += n
	if r.decoded > r.lim.MaxDecoded {
		return errTooLarge
	}
	return nil
}
