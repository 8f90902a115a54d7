package interchange

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// templateRows is how many rows of the template get the drop-down lists.
const templateRows = 1000

// WriteTemplate writes the blank import template: a first sheet "Import"
// with the header row (frozen) and drop-down lists on the choice and yes/no
// columns for the first 1,000 rows, and a sheet "Columns" explaining each
// column (required or not, the RFI's item, what to write, accepted values).
func WriteTemplate(w io.Writer) error {
	help := [][]string{{"column", "required", "RFI item", "what to write", "accepted values (code: RFI label)"}}
	for _, c := range columns {
		req := ""
		if c.Required {
			req = "required"
		}
		help = append(help, []string{c.Name, req, c.Label, c.Help, acceptedValues(c)})
	}
	help = append(help, []string{"", "", "", "", ""},
		[]string{"rows", "", "", "One row per product. Rows with the same entity_name (case and surrounding space ignored) and contact_email belong to one entity; repeat the entity's details on each of its rows or leave them blank after the first.", ""},
		[]string{"incomplete", "", "", "Empty RFI items are fine: the submission is registered and flagged as incomplete. A value that cannot be understood (an unknown choice, a bad date, a malformed email) rejects the whole file, with every problem listed.", ""},
		[]string{"extras", "", "", extrasNote, ""})
	sheets := []sheet{
		{"Import", [][]string{ColumnNames()}},
		{"Columns", help},
	}
	return writeSheets(w, sheets, func(f *excelize.File) error {
		for i, c := range columns {
			var list []string
			switch c.Kind {
			case KindChoice, KindMulti:
				for _, ch := range c.Choices {
					list = append(list, ch.Code)
				}
			case KindYesNo:
				list = []string{"yes", "no"}
			default:
				continue
			}
			dv := excelize.NewDataValidation(true)
			letter := columnLetter(i)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", letter, letter, templateRows+1)
			if err := dv.SetDropList(list); err != nil {
				return err
			}
			if c.Kind == KindMulti {
				// Several values separated by ';' are allowed: the list
				// offers one, typing more is fine.
				dv.SetInput(c.Name, "Choose one, or type several codes separated by ';'.")
				dv.SetError(excelize.DataValidationErrorStyleInformation, c.Name, "Several values are separated by ';'. Accepted: "+strings.Join(list, ", "))
			} else {
				dv.SetError(excelize.DataValidationErrorStyleStop, c.Name, "Choose one of: "+strings.Join(list, ", "))
			}
			if err := f.AddDataValidation("Import", dv); err != nil {
				return err
			}
		}
		return nil
	})
}

// extrasNote explains the columns beyond the command-line contract's import
// format, in the template's guide.
const extrasNote = "entity_source, entity_tags and entity_notes are extras beyond the basic import format: atpreg's own exports write them so that an export imports back without loss. Leave them out or blank if you like: a file without them imports the same. For an entity already in the register a blank cell keeps what is stored, and tags are only added, never removed."

// acceptedValues describes what a column accepts.
func acceptedValues(c Column) string {
	switch c.Kind {
	case KindChoice, KindMulti:
		parts := make([]string, len(c.Choices))
		for i, ch := range c.Choices {
			parts[i] = ch.Code + ": " + ch.Label
		}
		s := strings.Join(parts, "\n")
		if c.Kind == KindMulti {
			s += "\n(several separated by ';'; codes or labels, any case)"
		}
		return s
	case KindYesNo:
		return "yes, no, y, n, true, false (any case), or a TRUE/FALSE cell"
	case KindDate:
		return "YYYY-MM-DD, or a date cell"
	case KindMonth:
		return "YYYY-MM or YYYY-MM-DD, or a date cell"
	case KindEmail:
		return "name@company.com"
	case KindTags:
		return "words separated by ';'"
	}
	return "text"
}
