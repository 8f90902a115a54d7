package mailin

import (
	"bytes"
	"net/mail"

	gomail "github.com/emersion/go-message/mail"
)

// writeEML writes m as an RFC 5322 email: its headers, its text as a
// UTF-8 text/plain body and its attachments (attached emails as
// message/rfc822). It gives an Outlook embedded message, which has no file
// of its own, the bytes that keep it as an attachment.
func (r *reader) writeEML(m *Message) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeMessage(&buf, m); err != nil {
		return nil, err
	}
	if err := r.spend(buf.Len()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeMessage(buf *bytes.Buffer, m *Message) error {
	var h gomail.Header
	if len(m.From) > 0 {
		h.SetAddressList("From", mailAddresses(m.From))
	}
	if len(m.To) > 0 {
		h.SetAddressList("To", mailAddresses(m.To))
	}
	if len(m.Cc) > 0 {
		h.SetAddressList("Cc", mailAddresses(m.Cc))
	}
	h.SetSubject(m.Subject)
	if !m.Date.IsZero() {
		h.SetDate(m.Date)
	}
	if m.MessageID != "" {
		h.SetMessageID(m.MessageID)
	}
	w, err := gomail.CreateWriter(buf, h)
	if err != nil {
		return err
	}
	var th gomail.InlineHeader
	th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	tw, err := w.CreateSingleInline(th)
	if err != nil {
		return err
	}
	if _, err := tw.Write([]byte(m.Text)); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	for _, a := range m.Attachments {
		var ah gomail.AttachmentHeader
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		ah.SetContentType(ct, nil)
		ah.SetFilename(a.Name)
		if ct == "message/rfc822" {
			// RFC 2046 forbids base64 for message/rfc822; an attached email
			// is 8-bit text.
			ah.Set("Content-Transfer-Encoding", "8bit")
		}
		aw, err := w.CreateAttachment(ah)
		if err != nil {
			return err
		}
		if _, err := aw.Write(a.Data); err != nil {
			return err
		}
		if err := aw.Close(); err != nil {
			return err
		}
	}
	return w.Close()
}

func mailAddresses(as []Address) []*mail.Address {
	out := make([]*mail.Address, 0, len(as))
	for _, a := range as {
		out = append(out, &mail.Address{Name: a.Name, Address: a.Email})
	}
	return out
}
