package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The law pack's guiding cases import as a ready collection, twice without duplicates.
func TestCasesImportGuiding(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	for i := 0; i < 2; i++ {
		out, errs, rc := runZ(t, "", "cases", "import", "--guiding", "--data", data)
		if rc != 0 || !strings.Contains(out, `"imported": 52`) {
			t.Fatalf("import --guiding (%d): rc %d %s %s", i, rc, out, errs)
		}
	}
	if out, _, rc := runZ(t, "", "cases", "collections", "--data", data); rc != 0 || !strings.Contains(out, "指导案例") || !strings.Contains(out, "52") {
		t.Errorf("collections after import --guiding: %s", out)
	}
	if _, errs, rc := runZ(t, "", "cases", "import", "--guiding", "x.jsonl", "--data", data); rc != 2 || !strings.Contains(errs, "--guiding") {
		t.Errorf("--guiding with a file: rc %d %s", rc, errs)
	}
}
