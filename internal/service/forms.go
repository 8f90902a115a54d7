package service

import (
	"context"
	"path/filepath"
	"slices"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/rfiform"
)

// FormFormats are the files the RFI form is made as, by extension.
var FormFormats = []string{"pdf", "docx"}

// FormFile is an RFI form made for an entity (or blank).
type FormFile struct {
	Name     string // a file name for it, e.g. "RFI form - Kowloon Bay Cell Works.pdf"
	Format   string // pdf or docx
	Lang     string // en or zh-HK
	EntityID int64  // 0 for a blank form
	// EntityName is the entity's name ("" for a blank form).
	EntityName string
	Data       []byte
	// Entry is the form's ledger entry once saved (SaveForm).
	Entry register.LedgerEntry
}

// formFormat returns the format of a file name's extension, or an
// apperr.Invalid saying which are made.
func formFormat(name string) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	for _, f := range FormFormats {
		if ext == f {
			return f, nil
		}
	}
	return "", apperr.New(apperr.Invalid, "The form is made as a PDF or a Word document: name the file .pdf or .docx (not %q).", filepath.Base(name))
}

// Form makes the RFI form as format (pdf or docx) in lang (en or zh-HK):
// blank for entityID 0, else pre-filled with the entity's answers so that
// it completes only what is missing. The date printed on it is the
// register clock's.
func (r *Register) Form(ctx context.Context, entityID int64, lang, format string) (FormFile, error) {
	if lang == "" {
		lang = "en"
	}
	var e *register.Entity
	if entityID > 0 {
		got, err := r.db.GetEntity(ctx, entityID)
		if err != nil {
			return FormFile{}, err
		}
		e = &got
	}
	name := formName(e)
	var data []byte
	var err error
	switch format {
	case "pdf":
		data, err = rfiform.PDF(e, lang, r.Now())
	case "docx":
		data, err = rfiform.DOCX(e, lang, r.Now())
	default:
		return FormFile{}, apperr.New(apperr.Invalid, "%q is not a format of the form; use pdf or docx.", format)
	}
	if err != nil {
		return FormFile{}, err
	}
	f := FormFile{Name: name + "." + format, Format: format, Lang: lang, EntityID: entityID, Data: data}
	if e != nil {
		f.EntityName = e.Name
	}
	return f, nil
}

// formName is the file name (without extension) of the form for e (nil:
// the blank form).
func formName(e *register.Entity) string {
	if e == nil {
		return "RFI form"
	}
	return "RFI form - " + safeFileName(e.Name)
}

// FormFileName returns the name Form gives the form for entityID (0: the
// blank form) as format (pdf or docx), e.g. for a save dialog's suggestion
// (apperr.NotFound when there is no such entity).
func (r *Register) FormFileName(ctx context.Context, entityID int64, format string) (string, error) {
	if !slices.Contains(FormFormats, format) {
		return "", apperr.New(apperr.Invalid, "%q is not a format of the form; use pdf or docx.", format)
	}
	if entityID <= 0 {
		return formName(nil) + "." + format, nil
	}
	e, err := r.db.GetEntity(ctx, entityID)
	if err != nil {
		return "", err
	}
	return formName(&e) + "." + format, nil
}

// safeFileName keeps a name usable as a file name on every system.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// SaveForm makes the form (Form) in the format path's extension names and
// publishes it to path (Publish: staged as a private 0600 file, recorded in
// the ledger as a form, then put in place; a file already there is
// replaced only with replace, as after the save dialog or the CLI's
// --force). A pre-filled form holds the entity's
// answers, so it leaves the laptop only recorded, like every document; its
// entry names the entity, whose history records it. A blank form holds
// nothing of the register, but is recorded all the same: the ledger lists
// every file atpreg wrote out.
func (r *Register) SaveForm(ctx context.Context, entityID int64, lang, path string, replace bool) (FormFile, error) {
	format, err := formFormat(path)
	if err != nil {
		return FormFile{}, err
	}
	f, err := r.Form(ctx, entityID, lang, format)
	if err != nil {
		return FormFile{}, err
	}
	pub := Publication{Kind: register.LedgerForm, DocID: NewDocumentID(DocPrefixForm, r.Now()), Path: path, Data: f.Data,
		Options: map[string]any{"lang": f.Lang, "format": f.Format, "prefilled": entityID > 0}, Replace: replace, What: apperr.Fixed("The blank RFI form")}
	if entityID > 0 {
		pub.EntityIDs, pub.Recipient, pub.What = []int64{entityID}, f.EntityName, apperr.Fixed("The pre-filled RFI form")
	}
	entries, err := r.Publish(ctx, []Publication{pub})
	if err != nil {
		return FormFile{}, err
	}
	f.Entry = entries[0]
	return f, nil
}
