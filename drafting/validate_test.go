package drafting

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestValidate(t *testing.T) {
	if err := Validate(); err != nil {
		t.Fatal(err)
	}
	hearing := &fstest.MapFile{Data: []byte(`{"person_min":10000,"organization_min":100000}`)}
	for _, tc := range []struct{ src, want string }{
		{"标题\n{{.Party.Nmae}}", "Nmae"},
		{"标题\n{{need \"x\" .Facts", "坏模板"},
		{"标题\n{{nosuch .Facts}}", "nosuch"},
	} {
		fsys := fstest.MapFS{"templates/坏模板.tmpl": {Data: []byte(tc.src)}, "templates/hearing.json": hearing}
		err := validateFS(fsys)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "坏模板") {
			t.Errorf("%q: %v", tc.src, err)
		}
	}
}
