package drafting

import (
	"fmt"
	"io/fs"
	"reflect"
	"strings"
)

// Validate fills every template with an empty model, so a template naming a field the model
// does not have fails at start-up with the template's and the field's names.
func Validate() error { return validateFS(templateFS) }

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
		if err := validateKind(fsys, k); err != nil {
			return fmt.Errorf("invalid template: %w", err)
		}
	}
	return nil
}

// validateKind fills kind with an empty model and with filled-in ones for a person and an
// organization, so fields inside {{if}} branches an empty model skips are checked too.
func validateKind(fsys fs.FS, kind string) error {
	for _, m := range validationModels() {
		d, err := fillWith(fsys, kind, m, func(s string) string { return s })
		if err != nil {
			return err
		}
		if strings.TrimSpace(d.Title) == "" {
			return fmt.Errorf("template %s: the first line (the title) is empty", kind)
		}
	}
	return nil
}

func validationModels() []Model {
	var full Model
	fillAll(reflect.ValueOf(&full).Elem())
	person, org := full, full
	person.Party.Kind, org.Party.Kind = "person", "organization"
	return []Model{{}, person, org}
}

// fillAll sets every string of v to synthetic text, every number to 1e6 (above any hearing
// threshold) and every slice of strings to one synthetic item.
func fillAll(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fillAll(v.Field(i))
		}
	case reflect.String:
		v.SetString("合成")
	case reflect.Float64, reflect.Float32:
		v.SetFloat(1e6)
	case reflect.Int, reflect.Int64:
		v.SetInt(1e6)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			v.Set(reflect.ValueOf([]string{"合成"}).Convert(v.Type()))
		}
	}
}
