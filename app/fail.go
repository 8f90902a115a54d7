package app

import (
	"encoding/json"
	"errors"
	"log"
	"sync/atomic"

	"atpreg/internal/apperr"
)

// windowLang is the language the window speaks (Session.SetLanguage):
// apperr.English or apperr.Chinese. There is one window per process; the
// CLI never sets it and so stays English.
var windowLang atomic.Value

// lang is the window's language: what SetLanguage chose, English before.
func lang() string {
	if l, ok := windowLang.Load().(string); ok {
		return l
	}
	return apperr.English
}

// wireError is how an error reaches the frontend: the rejection of the
// binding's promise carries this JSON (frontend/src/lib/errors.ts reads it).
type wireError struct {
	Code    apperr.Code         `json:"code"`
	Message string              `json:"message"`
	Fields  []apperr.FieldError `json:"fields,omitempty"`
}

// Fail turns err into the error a bound method returns: JSON with a code, a
// message for the officer and per-field problems, said in the window's
// language (Session.SetLanguage). An internal error is
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
	l := lang()
	b, mErr := json.Marshal(wireError{Code: code, Message: apperr.MessageIn(err, l), Fields: apperr.FieldsIn(err, l)})
	if mErr != nil {
		return errors.New(apperr.MessageIn(err, l))
	}
	return errors.New(string(b))
}
