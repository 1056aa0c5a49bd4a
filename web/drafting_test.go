package web

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhifa/drafting"
)

func TestDocumentDraft(t *testing.T) {
	s := recordsServer(t) // synthetic demo bureau
	code, body := recCall(t, s, "POST", "/api/v1/cases/demo-case-01/documents", `{"kind":"行政处罚决定书"}`)
	if code != 201 {
		t.Fatalf("status %d: %s", code, body)
	}
	var r DraftResult
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Number, "〔2026〕1号") || len(r.SHA256) != 64 || r.DownloadURL == "" {
		t.Fatalf("bad result %s", body)
	}
	code, file := recCall(t, s, "GET", r.DownloadURL, "")
	if code != 200 || len(file) != r.Size || string(file[:2]) != "PK" {
		t.Fatalf("download: %d, %d bytes", code, len(file))
	}
	// the second draft gets the next number
	_, body = recCall(t, s, "POST", "/api/v1/cases/demo-case-01/documents", `{"kind":"行政处罚决定书"}`)
	if !strings.Contains(string(body), "〔2026〕2号") {
		t.Errorf("second number: %s", body)
	}
	for _, tc := range []struct {
		path, body string
		code       int
		field      string
	}{
		{"/api/v1/cases/demo-case-01/documents", `{"kind":"不存在"}`, 422, "kind"},
		{"/api/v1/cases/nope/documents", `{"kind":"行政处罚决定书"}`, 404, ""},
		{"/api/v1/cases/demo-case-01/documents", `{"kind":1}`, 400, "kind"},
	} {
		code, body := recCall(t, s, "POST", tc.path, tc.body)
		if code != tc.code || !strings.Contains(string(body), tc.field) {
			t.Errorf("%s %s: %d %s", tc.path, tc.body, code, body)
		}
	}
	req := httptest.NewRequest("POST", "/api/v1/cases/demo-case-02/documents", strings.NewReader(`{"kind":"送达回证"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	resp, err := s.App.Test(req, -1)
	if err != nil || resp.StatusCode != 201 || !strings.Contains(resp.Header.Get("Content-Type"), "wordprocessingml") {
		t.Errorf("docx accept: %v %v", err, resp)
	}
}

func TestDocumentRegeneratesIdentically(t *testing.T) {
	s := recordsServer(t) // synthetic demo bureau
	st, _ := s.Records()
	ctx := context.Background()
	first, err := DraftDocument(ctx, st, "demo-case-02", "行政处罚决定书", "t")
	if err != nil {
		t.Fatal(err)
	}
	// later: rebuild from the record with the number it was given
	c, _ := st.GetCase(ctx, "demo-case-02", "t")
	ag, _ := st.GetAgency(ctx, c.AgencyID)
	m := CaseModel(ctx, st, c, ag)
	m.Number = first.Number
	d, err := drafting.Fill("行政处罚决定书", m)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := drafting.DOCX(d)
	sum := sha256.Sum256(b)
	if hex.EncodeToString(sum[:]) != first.SHA256 {
		t.Error("regenerated document differs from the stored one")
	}
}

func TestDocumentStream(t *testing.T) {
	s := recordsServer(t) // synthetic demo bureau, no LLM configured
	code, body := recCall(t, s, "POST", "/api/v1/cases/demo-case-01/documents/stream", `{"kind":"行政处罚事先告知书"}`)
	if code != 200 || !strings.Contains(string(body), "event: document") || !strings.Contains(string(body), `"sha256"`) {
		t.Errorf("%d %s", code, body)
	}
	if code, _ := recCall(t, s, "POST", "/api/v1/cases/demo-case-01/documents/stream", `{"kind":"x"}`); code != 422 {
		t.Errorf("bad kind: %d", code)
	}
}

// documentXML is word/document.xml of a .docx.
func documentXML(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			return string(x)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestDocumentDraftAgencyTemplates(t *testing.T) {
	s := recordsServer(t) // synthetic demo bureau
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "agency.json"), []byte(`{"bank_account":"7777-0000（合成）"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl, err := drafting.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Opts.Templates = tpl
	code, body := recCall(t, s, "POST", "/api/v1/cases/demo-case-01/documents", `{"kind":"行政处罚决定书"}`)
	var r DraftResult
	if code != 201 || json.Unmarshal(body, &r) != nil {
		t.Fatalf("%d %s", code, body)
	}
	_, file := recCall(t, s, "GET", r.DownloadURL, "")
	if x := documentXML(t, file); !strings.Contains(x, "7777-0000（合成）") {
		t.Error("the agency directory's bank account is not in the decision")
	}
}
