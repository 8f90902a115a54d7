package store

import (
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"atpreg/internal/vault"
)

// TimeFormat is how a time.Time argument is stored: text, UTC, fixed width
// (so that text order is time order), readable by time.Parse(time.RFC3339Nano).
const TimeFormat = "2006-01-02T15:04:05.000000000Z07:00"

// TimeText returns t as the text the store keeps for a time.Time argument.
func TimeText(t time.Time) string { return t.UTC().Format(TimeFormat) }

// ParseTime reads a time stored by TimeText (or any RFC 3339 time).
func ParseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

// normArgs turns query arguments into the few kinds the journal records
// (nil, int64, float64, string, []byte), so that replaying them gives
// the same result. bool becomes 0/1, time.Time becomes TimeText; pointers,
// named types and driver.Valuer are resolved; anything else is an error.
// A []byte is kept as given, not copied (an attachment can be many
// megabytes): Tx.Exec's callers leave it unchanged until Update returns, and
// the journal record is encoded from it when fn returns.
func normArgs(args []any) ([]any, error) {
	out := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(time.Time); ok {
			out[i] = TimeText(t)
			continue
		}
		v, err := driver.DefaultParameterConverter.ConvertValue(a)
		if err != nil {
			return nil, fmt.Errorf("store: argument %d (%T) cannot be stored: %w", i+1, a, err)
		}
		switch x := v.(type) {
		case nil, int64, float64, string:
			out[i] = x
		case []byte:
			out[i] = x
		case bool:
			if x {
				out[i] = int64(1)
			} else {
				out[i] = int64(0)
			}
		case time.Time:
			out[i] = TimeText(x)
		default:
			return nil, fmt.Errorf("store: argument %d (%T) cannot be stored", i+1, a)
		}
	}
	return out, nil
}

// stmt is one recorded statement of a write transaction.
type stmt struct {
	query  string
	args   []any // normalised
	failed bool  // it returned an error when first run (replay expects one too)
}

const (
	recordVersion = 1
	argNil        = 0
	argInt        = 1
	argFloat      = 2
	argText       = 3
	argBlob       = 4
)

// encodeRecord encodes a transaction's statements for the journal, into a
// buffer with room for the journal to encrypt it in place
// (vault.RecordOverhead).
func encodeRecord(stmts []stmt) []byte {
	n := 8 + vault.RecordOverhead
	for _, s := range stmts {
		n += 12 + len(s.query)
		for _, a := range s.args {
			n += 10
			switch x := a.(type) {
			case string:
				n += len(x)
			case []byte:
				n += len(x)
			}
		}
	}
	b := make([]byte, 0, n)
	b = append(b, recordVersion)
	b = binary.AppendUvarint(b, uint64(len(stmts)))
	for _, s := range stmts {
		var flags byte
		if s.failed {
			flags = 1
		}
		b = append(b, flags)
		b = binary.AppendUvarint(b, uint64(len(s.query)))
		b = append(b, s.query...)
		b = binary.AppendUvarint(b, uint64(len(s.args)))
		for _, a := range s.args {
			switch x := a.(type) {
			case nil:
				b = append(b, argNil)
			case int64:
				b = append(b, argInt)
				b = binary.AppendVarint(b, x)
			case float64:
				b = append(b, argFloat)
				b = binary.BigEndian.AppendUint64(b, math.Float64bits(x))
			case string:
				b = append(b, argText)
				b = binary.AppendUvarint(b, uint64(len(x)))
				b = append(b, x...)
			case []byte:
				b = append(b, argBlob)
				b = binary.AppendUvarint(b, uint64(len(x)))
				b = append(b, x...)
			}
		}
	}
	return b
}

var errRecord = errors.New("store: malformed journal record")

// decodeRecord is the inverse of encodeRecord.
func decodeRecord(b []byte) ([]stmt, error) {
	if len(b) == 0 || b[0] != recordVersion {
		return nil, errRecord
	}
	b = b[1:]
	uv := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	bytesN := func() ([]byte, bool) {
		l, ok := uv()
		if !ok || l > uint64(len(b)) {
			return nil, false
		}
		out := b[:l]
		b = b[l:]
		return out, true
	}
	n, ok := uv()
	if !ok || n > uint64(len(b)) {
		return nil, errRecord
	}
	stmts := make([]stmt, 0, n)
	for range n {
		if len(b) == 0 {
			return nil, errRecord
		}
		s := stmt{failed: b[0]&1 != 0}
		b = b[1:]
		q, ok := bytesN()
		if !ok {
			return nil, errRecord
		}
		s.query = string(q)
		na, ok := uv()
		if !ok || na > uint64(len(b)) {
			return nil, errRecord
		}
		s.args = make([]any, na)
		for i := range s.args {
			if len(b) == 0 {
				return nil, errRecord
			}
			t := b[0]
			b = b[1:]
			switch t {
			case argNil:
			case argInt:
				v, m := binary.Varint(b)
				if m <= 0 {
					return nil, errRecord
				}
				b = b[m:]
				s.args[i] = v
			case argFloat:
				if len(b) < 8 {
					return nil, errRecord
				}
				s.args[i] = math.Float64frombits(binary.BigEndian.Uint64(b))
				b = b[8:]
			case argText:
				x, ok := bytesN()
				if !ok {
					return nil, errRecord
				}
				s.args[i] = string(x)
			case argBlob:
				x, ok := bytesN()
				if !ok {
					return nil, errRecord
				}
				s.args[i] = append(make([]byte, 0, len(x)), x...)
			default:
				return nil, errRecord
			}
		}
		stmts = append(stmts, s)
	}
	if len(b) != 0 {
		return nil, errRecord
	}
	return stmts, nil
}
