// Package interchange moves the register in and out of spreadsheets: it reads
// the import format of the command-line contract (UTF-8 CSV or the first
// sheet of an XLSX), checks every cell with the domain's parsers and groups
// rows into entities, and writes the register as CSV, XLSX and JSON, and the
// blank import template. It does no SQL: the import service
// (internal/service) applies a parsed Batch.
package interchange

import (
	"strings"

	"atpreg/internal/register"
)

// Kind says how a column's text is read.
type Kind int

// Kinds of column.
const (
	KindText   Kind = iota // one line of text
	KindLong               // text that may hold line breaks
	KindEmail              // one email address
	KindPhone              // a telephone number
	KindDate               // YYYY-MM-DD
	KindMonth              // YYYY-MM or YYYY-MM-DD
	KindChoice             // one code or RFI label
	KindMulti              // codes or labels separated by ';'
	KindYesNo              // yes, no, y, n, true, false
	KindTags               // free words separated by ';'
)

// Column is one column of the import format.
type Column struct {
	// Name is the header text (e.g. "atp_type").
	Name string `json:"name"`
	// Label is the RFI's wording of the item.
	Label string `json:"label"`
	// Kind says how the cell is read.
	Kind Kind `json:"kind"`
	// Entity is true for columns about the entity (repeated on each of its rows).
	Entity bool `json:"entity"`
	// Required is true for entity_name and product_name.
	Required bool `json:"required"`
	// Help explains the column to a person filling the template.
	Help string `json:"help"`
	// Choices are the accepted codes and labels of a choice column.
	Choices []register.Choice `json:"choices,omitempty"`
}

// columns is the import format in the order the exports write it. The first
// 28 are the contract of CLI.md; entity_source, entity_tags and entity_notes
// extend it (optional) so that an export re-imports without loss.
var columns = buildColumns()

func buildColumns() []Column {
	ch := register.Choices()
	c := func(name string, kind Kind, entity bool, help string) Column {
		col := Column{Name: name, Label: register.FieldLabel(name), Kind: kind, Entity: entity, Help: help}
		if kind == KindChoice || kind == KindMulti {
			col.Choices = ch[name]
		}
		return col
	}
	cols := []Column{
		c("entity_name", KindText, true, "Required. The organisation's name. Rows with the same name (case and surrounding space ignored) and the same contact email belong to one entity."),
		c("entity_address", KindLong, true, "The organisation's address."),
		c("contact_name", KindText, true, "The contact person."),
		c("contact_email", KindEmail, true, "One email address, like name@company.com."),
		c("contact_phone", KindPhone, true, "A telephone number: digits, spaces, +, -, brackets and an optional extension (ext 12)."),
		c("received_on", KindDate, true, "The date the submission was received, as YYYY-MM-DD (a date cell is fine)."),
		c("product_name", KindText, false, "Required for a product row. One row per product. A row with no product column filled registers the entity alone."),
		c("composition", KindLong, false, "Qualitative and quantitative composition."),
		c("pharmaceutical_form", KindText, false, "For example: suspension for infusion."),
		c("therapeutic_indication", KindLong, false, "The disease or condition treated."),
		c("routes", KindMulti, false, "One or more, separated by ';'."),
		c("route_other", KindText, false, "Only when routes include other: say which route."),
		c("atp_type", KindChoice, false, "One of the choices."),
		c("gene_vector", KindChoice, false, "Only for a gene therapy product."),
		c("intended_use", KindChoice, false, "One of the choices."),
		c("intended_use_other", KindText, false, "Only when the intended use is other: say which."),
		c("starting_materials", KindMulti, false, "One or more, separated by ';'."),
		c("starting_materials_other", KindText, false, "Only when starting materials include other: say which."),
		c("process_type", KindChoice, false, "One of the choices."),
		c("pd_completed", KindYesNo, false, "yes or no (y, n, true, false and a TRUE/FALSE cell are fine)."),
		c("pd_further", KindLong, false, "Only when process development is not completed."),
		c("gmp_before", KindYesNo, false, "yes or no."),
		c("has_authorized_person", KindYesNo, false, "yes or no."),
		c("needs_training", KindYesNo, false, "yes or no."),
		c("training_roles", KindMulti, false, "Only when training is needed: one or more, separated by ';'."),
		c("training_details", KindLong, false, "Only when training is needed: which training."),
		c("expected_start", KindMonth, false, "YYYY-MM or YYYY-MM-DD (a date cell is fine)."),
		c("notes", KindLong, false, "Notes on this product."),
		c("entity_source", KindText, true, "Optional extra column (see extras below): where the submission came from, such as an email's subject."),
		c("entity_tags", KindTags, true, "Optional extra column (see extras below): the entity's tags, separated by ';'."),
		c("entity_notes", KindLong, true, "Optional extra column (see extras below): notes on the entity (notes is for the product)."),
	}
	for i := range cols {
		switch cols[i].Name {
		case "entity_name", "product_name":
			cols[i].Required = true
		case "entity_source":
			cols[i].Label = "Source"
		case "entity_tags":
			cols[i].Label = "Tags"
		case "entity_notes":
			cols[i].Label = "Notes on the entity"
		}
	}
	return cols
}

// Columns returns the import format's columns in export order (a new slice).
func Columns() []Column { return append([]Column(nil), columns...) }

// ColumnNames returns the header row the exports and the template write.
func ColumnNames() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.Name
	}
	return out
}

var columnIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range columns {
		m[c.Name] = i
	}
	return m
}()

// normaliseHeader folds a header cell for lookup: surrounding space trimmed,
// lower case, spaces and '-' as '_'.
func normaliseHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Join(strings.Fields(s), "_")
	return strings.ReplaceAll(s, "-", "_")
}

// entityFieldColumn maps an entity's JSON field name (from Validate) to its column.
var entityFieldColumn = map[string]string{
	"name": "entity_name", "address": "entity_address", "contact_name": "contact_name",
	"contact_email": "contact_email", "contact_phone": "contact_phone", "received_on": "received_on",
	"source": "entity_source", "tags": "entity_tags", "notes": "entity_notes",
}
