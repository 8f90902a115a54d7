package app

import (
	"encoding/json"
	"errors"
	"log"

	"atpreg/internal/apperr"
)

// wireError is how an error reaches the frontend: the rejection of the
// binding's promise carries this JSON (frontend/src/lib/errors.ts reads it).
type wireError struct {
	Code    apperr.Code         `json:"code"`
	Message string              `json:"message"`
	Fields  []apperr.FieldError `json:"fields,omitempty"`
}

// Fail turns err into the error a bound method returns: JSON with a code, a
// message for the officer and per-field problems. An internal error is
// logged and shown with a generic sentence, both naming only its kind
// (apperr.Detail): its text can quote register content. Fail(nil) is nil.
func Fail(err error) error {
	if err == nil {
		return nil
	}
	code := apperr.CodeOf(err)
	if code == apperr.Internal {
		var e *apperr.Error
		if !errors.As(err, &e) {
			log.Printf("atpreg: internal error (%s)", apperr.Detail(err))
		}
	}
	b, mErr := json.Marshal(wireError{Code: code, Message: apperr.Message(err), Fields: apperr.FieldsOf(err)})
	if mErr != nil {
		return errors.New(apperr.Message(err))
	}
	return errors.New(string(b))
}
