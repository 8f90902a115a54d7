package mailin

import (
	"bufio"
	"path"
	"strings"

	"atpreg/internal/outlookmsg"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// msg reads an Outlook .msg file at the given depth of emails in emails.
func (r *reader) msg(data []byte, depth int) (*Message, error) {
	if depth > r.lim.MaxDepth {
		return nil, errTooDeep
	}
	lim := outlookmsg.Limits{MaxDepth: r.lim.MaxDepth - depth, MaxAttachments: r.lim.MaxParts - r.parts}
	om, err := outlookmsg.Read(data, lim)
	if err != nil {
		return nil, err
	}
	return r.fromOutlook(om, depth)
}

// fromOutlook turns the properties of an Outlook message into a Message.
// The internet headers the message arrived with, when Outlook kept them,
// give its From and Date as the sender wrote them.
func (r *reader) fromOutlook(om *outlookmsg.Message, depth int) (*Message, error) {
	if err := r.part(); err != nil {
		return nil, err
	}
	m := &Message{Subject: strings.TrimSpace(om.Subject), MessageID: messageID(om.MessageID)}
	var th gomail.Header
	if strings.TrimSpace(om.TransportHeaders) != "" {
		h, err := textproto.ReadHeader(bufio.NewReader(strings.NewReader(strings.TrimSpace(om.TransportHeaders) + "\r\n\r\n")))
		if err == nil {
			th = gomail.Header{Header: message.Header{Header: h}}
		}
	}
	m.From = addresses(th, "From", "")
	if len(m.From) == 0 && (om.SenderName != "" || om.SenderEmail != "") {
		m.From = []Address{{Name: om.SenderName, Email: om.SenderEmail}}
	}
	for _, rc := range om.Recipients {
		a := Address{Name: rc.Name, Email: rc.Email}
		if a.Name == a.Email {
			a.Name = ""
		}
		switch rc.Type {
		case outlookmsg.To:
			m.To = append(m.To, a)
		case outlookmsg.Cc:
			m.Cc = append(m.Cc, a)
		}
	}
	if len(om.Recipients) == 0 {
		m.To = addresses(th, "To", "")
		m.Cc = addresses(th, "Cc", "")
		if len(m.To) == 0 {
			m.To = displayNames(om.DisplayTo)
		}
		if len(m.Cc) == 0 {
			m.Cc = displayNames(om.DisplayCc)
		}
	}
	if len(m.From) == 1 && m.From[0].Name == m.From[0].Email {
		m.From[0].Name = ""
	}
	m.Date = headerDate(th)
	if m.Date.IsZero() {
		m.Date = om.SubmitTime
	}
	if m.Date.IsZero() {
		m.Date = om.DeliveryTime
	}
	if m.MessageID == "" {
		m.MessageID = messageID(th.Get("Message-Id"))
	}
	switch {
	case strings.TrimSpace(om.Body) != "":
		m.Text = tidy(om.Body)
	case strings.TrimSpace(om.HTML) != "":
		m.Text = HTMLText(om.HTML)
	case len(om.RTF) > 0:
		text, isHTML := outlookmsg.RTFText(om.RTF)
		if isHTML {
			text = HTMLText(text)
		}
		m.Text = tidy(text)
	}
	if err := r.spend(len(m.Text)); err != nil {
		return nil, err
	}
	unnamed := 0
	for _, oa := range om.Attachments {
		a, err := r.outlookAttachment(oa, depth)
		if err != nil {
			return nil, err
		}
		if a.Name == "" {
			unnamed++
			a.Name = madeUpName(unnamed, a.ContentType, a.Message)
		}
		m.Attachments = append(m.Attachments, a)
	}
	return m, nil
}

func (r *reader) outlookAttachment(oa outlookmsg.Attachment, depth int) (Attachment, error) {
	a := Attachment{Name: cleanName(oa.Name), ContentType: strings.ToLower(strings.TrimSpace(oa.ContentType)), Data: oa.Data}
	if oa.Message != nil {
		if depth+1 > r.lim.MaxDepth {
			return a, errTooDeep
		}
		nm, err := r.fromOutlook(oa.Message, depth+1)
		if err != nil {
			return a, err
		}
		a.Message = nm
		a.ContentType = "message/rfc822"
		a.Data, err = r.writeEML(nm)
		if err != nil {
			return a, err
		}
		if a.Name != "" && !strings.EqualFold(path.Ext(a.Name), ".eml") {
			a.Name += ".eml"
		}
		return a, nil
	}
	if err := r.part(); err != nil {
		return a, err
	}
	if err := r.spend(len(a.Data)); err != nil {
		return a, err
	}
	if a.ContentType == "" {
		a.ContentType = typeByName(a.Name)
	}
	if isMailName(a.Name) || a.ContentType == "message/rfc822" {
		st := &emlState{m: &Message{}, depth: depth}
		if err := r.nested(st, &a); err != nil {
			return a, err
		}
	}
	return a, nil
}

// displayNames splits PR_DISPLAY_TO ("Name; Name") into names.
func displayNames(s string) []Address {
	var out []Address
	for _, n := range strings.Split(s, ";") {
		if n = strings.TrimSpace(n); n != "" {
			if strings.Contains(n, "@") && !strings.Contains(n, " ") {
				out = append(out, Address{Email: n})
			} else {
				out = append(out, Address{Name: n})
			}
		}
	}
	return out
}

// typesByExt gives the MIME type of a file an Outlook attachment names
// without one. It is this package's own table, not the machine's, so a file
// gets the same type everywhere.
var typesByExt = map[string]string{
	".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".bmp": "image/bmp", ".tif": "image/tiff", ".tiff": "image/tiff",
	".webp": "image/webp", ".txt": "text/plain", ".htm": "text/html", ".html": "text/html",
	".ics": "text/calendar", ".csv": "text/csv", ".zip": "application/zip", ".eml": "message/rfc822",
	".msg": "application/vnd.ms-outlook", ".doc": "application/msword", ".xls": "application/vnd.ms-excel",
	".rtf": "application/rtf", ".ppt": "application/vnd.ms-powerpoint",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

// typeByName gives a MIME type for a file name's extension.
func typeByName(name string) string {
	if t, ok := typesByExt[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}
