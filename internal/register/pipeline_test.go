package register_test

import (
	"reflect"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

func TestCanMove(t *testing.T) {
	tests := []struct {
		from, to register.Status
		want     bool
	}{
		{register.StatusReceived, register.StatusScreening, true},
		{register.StatusScreening, register.StatusEvaluation, true},
		{register.StatusEvaluation, register.StatusInvited, true},
		{register.StatusInvited, register.StatusInDialogue, true},
		{register.StatusInDialogue, register.StatusEngaged, true},
		{register.StatusReceived, register.StatusEvaluation, false},
		{register.StatusScreening, register.StatusReceived, false},
		{register.StatusEvaluation, register.StatusScreening, true},
		{register.StatusInDialogue, register.StatusInvited, false},
		{register.StatusReceived, register.StatusDeclined, true},
		{register.StatusInDialogue, register.StatusWithdrawn, true},
		{register.StatusInvited, register.StatusOnHold, true},
		{register.StatusOnHold, register.StatusEvaluation, true},
		{register.StatusOnHold, register.StatusInvited, true},
		{register.StatusOnHold, register.StatusInDialogue, false},
		{register.StatusOnHold, register.StatusEngaged, false},
		{register.StatusDeclined, register.StatusScreening, true},
		{register.StatusDeclined, register.StatusEvaluation, false},
		{register.StatusWithdrawn, register.StatusScreening, true},
		{register.StatusEngaged, register.StatusWithdrawn, true},
		{register.StatusEngaged, register.StatusDeclined, false},
		{register.StatusEngaged, register.StatusOnHold, false},
		{register.StatusScreening, register.StatusScreening, false},
		{"", register.StatusReceived, false},
		{"bogus", register.StatusScreening, false},
	}
	for _, tt := range tests {
		if got := register.CanMove(tt.from, tt.to); got != tt.want {
			t.Errorf("CanMove(%q, %q) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestMoves(t *testing.T) {
	want := []register.Status{register.StatusScreening, register.StatusInvited, register.StatusDeclined, register.StatusWithdrawn, register.StatusOnHold}
	if got := register.Moves(register.StatusEvaluation); !reflect.DeepEqual(got, want) {
		t.Errorf("Moves(evaluation) = %v, want %v", got, want)
	}
	if got := register.Moves(register.StatusEngaged); !reflect.DeepEqual(got, []register.Status{register.StatusWithdrawn}) {
		t.Errorf("Moves(engaged) = %v", got)
	}
	if register.Moves("bogus") != nil {
		t.Error("Moves(bogus) is not nil")
	}
	// Every status can be left, every status can be reached, and Moves agrees with CanMove.
	reached := map[register.Status]bool{register.StatusReceived: true}
	for _, from := range register.Statuses() {
		if len(register.Moves(from)) == 0 {
			t.Errorf("status %q is a dead end", from)
		}
		for _, to := range register.Statuses() {
			in := false
			for _, m := range register.Moves(from) {
				in = in || m == to
			}
			if in != register.CanMove(from, to) {
				t.Errorf("Moves(%q) and CanMove disagree on %q", from, to)
			}
			if in {
				reached[to] = true
			}
		}
	}
	if len(reached) != len(register.Statuses()) {
		t.Errorf("reachable statuses %v", reached)
	}
}

func TestStatusChangeValidate(t *testing.T) {
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		c      register.StatusChange
		fields []string
	}{
		{"OK forward", register.StatusChange{From: register.StatusReceived, To: register.StatusScreening, By: "Officer", At: at}, nil},
		{"OK registration", register.StatusChange{To: register.StatusReceived, By: "Officer", At: at}, nil},
		{"OK declined with reason", register.StatusChange{From: register.StatusScreening, To: register.StatusDeclined, Reason: "Not an ATP", By: "Officer", At: at}, nil},
		{"ErrDeclinedNoReason", register.StatusChange{From: register.StatusScreening, To: register.StatusDeclined, Reason: " ", By: "Officer", At: at}, []string{"reason"}},
		{"ErrWithdrawnNoReason", register.StatusChange{From: register.StatusInvited, To: register.StatusWithdrawn, By: "Officer", At: at}, []string{"reason"}},
		{"ErrOnHoldNoReason", register.StatusChange{From: register.StatusInvited, To: register.StatusOnHold, By: "Officer", At: at}, []string{"reason"}},
		{"ErrNotAllowed", register.StatusChange{From: register.StatusReceived, To: register.StatusEngaged, By: "Officer", At: at}, []string{"to"}},
		{"ErrUnknown", register.StatusChange{From: "x", To: "y", By: "Officer", At: at}, []string{"to", "from"}},
		{"ErrEverything", register.StatusChange{}, []string{"to", "by", "at"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate() = %v %v", err, apperr.FieldsOf(err))
				}
				return
			}
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("Validate() = %v, want invalid", err)
			}
			if got := fieldsOf(err); !reflect.DeepEqual(got, tt.fields) {
				t.Fatalf("fields = %v, want %v", got, tt.fields)
			}
		})
	}
}
