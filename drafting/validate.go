package drafting

import (
	"fmt"
	"io/fs"
	"strings"
)

// Validate fills every template with an empty model, so a template naming a field the model
// does not have fails at start-up with the template's and the field's names.
func Validate() error {
	for _, k := range Kinds() {
		if _, err := Fill(k, Model{}); err != nil {
			return err
		}
	}
	return nil
}

// validateFS is Validate for templates from another file system (an agency's edited copy).
func validateFS(fsys fs.FS) error {
	ents, err := fs.ReadDir(fsys, "templates")
	if err != nil {
		return err
	}
	for _, e := range ents {
		k, ok := strings.CutSuffix(e.Name(), ".tmpl")
		if !ok {
			continue
		}
		if _, err := fill(fsys, k, Model{}); err != nil {
			return fmt.Errorf("invalid template: %w", err)
		}
	}
	return nil
}
