package pdfdoc

import (
	"bytes"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"atpreg/internal/apperr"
)

func init() {
	// pdfcpu would otherwise create ~/.config/pdfcpu on first use.
	model.ConfigPath = "disable"
}

// Encrypt returns pdf encrypted with AES-256 (PDF 2.0 / revision 6), entirely
// in memory. userPass opens the document; ownerPass (userPass when empty)
// controls permissions. Encrypted output is not reproducible: compare
// documents before encryption. Never use fpdf's SetProtection (RC4-40).
func Encrypt(pdf []byte, userPass, ownerPass string) ([]byte, error) {
	if userPass == "" {
		return nil, apperr.New(apperr.Invalid, "A password is needed to encrypt the PDF.")
	}
	if ownerPass == "" {
		ownerPass = userPass
	}
	conf := model.NewAESConfiguration(userPass, ownerPass, 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdf), &out, conf); err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The PDF could not be encrypted.")
	}
	return out.Bytes(), nil
}
