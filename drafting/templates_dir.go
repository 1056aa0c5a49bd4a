package drafting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"
)

// AgencyFile is the name of the optional agency profile in a template directory.
const AgencyFile = "agency.json"

// Templates is the set documents are filled from: the embedded templates, or an agency's
// directory laid over them (LoadDir).
type Templates struct {
	Dir    string // "" for the embedded templates
	fsys   fs.FS
	agency *AgencyOverride
}

// AgencyOverride is agency.json: the agency's letterhead data. A non-empty field replaces what
// the record gives.
type AgencyOverride struct {
	Name                string `json:"name,omitempty"`
	SealText            string `json:"seal_text,omitempty"`
	BankName            string `json:"bank_name,omitempty"`
	BankAccount         string `json:"bank_account,omitempty"`
	LegalReviewBody     string `json:"legal_review_body,omitempty"`    // 法制审核机构
	ReconsiderationBody string `json:"reconsideration_body,omitempty"` // 复议机关
	Court               string `json:"court,omitempty"`                // 管辖法院
	Address             string `json:"address,omitempty"`
}

func (o *AgencyOverride) apply(a AgencyProfile) AgencyProfile {
	set := func(dst *string, v string) {
		if strings.TrimSpace(v) != "" {
			*dst = v
		}
	}
	set(&a.Name, o.Name)
	set(&a.Seal, o.SealText)
	set(&a.Bank, o.BankName)
	set(&a.BankAccount, o.BankAccount)
	set(&a.LegalReviewBody, o.LegalReviewBody)
	set(&a.ReviewBody, o.ReconsiderationBody)
	set(&a.Court, o.Court)
	set(&a.Address, o.Address)
	return a
}

var embedded = &Templates{fsys: templateFS}

// Embedded is the templates built into the program.
func Embedded() *Templates { return embedded }

// Fill renders kind from m; agency.json, if the directory has one, overrides m.Agency.
// A nil *Templates is the embedded set.
func (t *Templates) Fill(kind string, m Model) (*Draft, error) {
	if t == nil {
		t = embedded
	}
	if t.agency != nil {
		m.Agency = t.agency.apply(m.Agency)
	}
	return fill(t.fsys, kind, m)
}

// Agency is the directory's agency.json, nil when it has none.
func (t *Templates) Agency() *AgencyOverride {
	if t == nil {
		return nil
	}
	return t.agency
}

// LoadDir lays the agency directory dir over the embedded templates: NAME.tmpl and
// hearing.json replace the embedded files of the same name, agency.json overrides the
// agency's profile. Everything is read and checked now (every template is filled, the JSON is
// decoded strictly); an error names the file and, where known, the line. Later edits to dir
// take effect at the next start.
func LoadDir(dir string) (*Templates, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("templates directory: %w", err)
	}
	known := map[string]bool{}
	base, err := fs.ReadDir(templateFS, "templates")
	if err != nil {
		return nil, err
	}
	mfs := fstest.MapFS{} // an in-memory copy: what was checked is what is used
	for _, e := range base {
		b, err := fs.ReadFile(templateFS, "templates/"+e.Name())
		if err != nil {
			return nil, err
		}
		known[e.Name()] = true
		mfs["templates/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	t := &Templates{Dir: dir, fsys: mfs}
	var replaced []string
	for _, e := range ents {
		name := e.Name()
		path := filepath.Join(dir, name)
		if strings.HasPrefix(name, ".") {
			continue // editor and VCS files
		}
		if e.IsDir() {
			return nil, fmt.Errorf("%s: a directory; the templates directory holds only NAME.tmpl, hearing.json and %s", path, AgencyFile)
		}
		if name != AgencyFile && !known[name] {
			return nil, fmt.Errorf("%s: not the name of a template (files: %s, %s)", path, strings.Join(sortedKeys(known), ", "), AgencyFile)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		switch {
		case name == AgencyFile:
			var o AgencyOverride
			if err := decodeStrict(b, &o); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			t.agency = &o
		case name == "hearing.json":
			if err := checkHearing(b); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
		}
		if name != AgencyFile {
			mfs["templates/"+name] = &fstest.MapFile{Data: b}
			replaced = append(replaced, name)
		}
	}
	for _, name := range replaced {
		if k, ok := strings.CutSuffix(name, ".tmpl"); ok {
			if err := validateKind(mfs, k); err != nil {
				return nil, fmt.Errorf("%s: %w", filepath.Join(dir, name), err)
			}
		}
	}
	// every template again: a replaced hearing.json is read by all of them
	if err := validateFS(mfs); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return t, nil
}

func checkHearing(b []byte) error {
	var th hearingThresholds
	if err := decodeStrict(b, &th); err != nil {
		return err
	}
	if th.PersonMin <= 0 || th.OrganizationMin <= 0 {
		return errors.New("person_min and organization_min must both be set and above 0")
	}
	return nil
}

// decodeStrict decodes one JSON value into v, rejecting unknown fields and trailing data;
// errors give the line.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return fmt.Errorf("line %d: %w", lineAt(b, se.Offset), err)
		case errors.As(err, &te):
			return fmt.Errorf("line %d: %w", lineAt(b, te.Offset), err)
		case errors.Is(err, io.EOF):
			return errors.New("empty file")
		}
		off := dec.InputOffset()
		// an unknown field is reported after the whole object was read: find the key itself
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			if i := bytes.Index(b, []byte(name+":")); i >= 0 {
				off = int64(i)
			} else if i := bytes.Index(b, []byte(name)); i >= 0 {
				off = int64(i)
			}
		}
		return fmt.Errorf("line %d: %w", lineAt(b, off), err)
	}
	if dec.More() {
		return fmt.Errorf("line %d: data after the JSON object", lineAt(b, dec.InputOffset()))
	}
	return nil
}

func lineAt(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return 1 + bytes.Count(b[:off], []byte("\n"))
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
