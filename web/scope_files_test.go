package web

import (
	"context"
	"slices"
	"testing"
)

// A case's stored file (evidence, documents) is read as the case is: out of
// scope it is not found, and a reader not on the case is logged (read:file).
func TestScopeFileReads(t *testing.T) {
	f := newScopeFixture(t)
	st, err := f.s.Records()
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.AddDocument(context.Background(), "syn-case-a1", "synthetic-note", "", []byte("合成的询问笔录，含当事人身份信息（虚构）"), "offa1")
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/files/" + d.SHA256
	for _, who := range []string{"offb", "offa2", "supb", "supnone", "trainer1"} {
		if code, _ := f.call(t, who, "GET", path, ""); code != 404 {
			t.Errorf("%s (out of scope) reads the file: %d", who, code)
		}
	}
	for _, who := range []string{"offa1", "supcity", "offa1b", "admin1"} {
		if code, b := f.call(t, who, "GET", path, ""); code != 200 || len(b) == 0 {
			t.Errorf("%s reads the file: %d", who, code)
		}
	}
	want := []string{"supcity read:file", "offa1b read:file", "admin1 read:file"}
	if got := accessActors(t, f, "syn-case-a1"); !slices.Equal(got, want) {
		t.Errorf("access log %v, want %v", got, want)
	}
	if r := st.Verify(context.Background()); !r.OK {
		t.Errorf("verify: %+v", r)
	}
}
