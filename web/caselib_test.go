package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// Synthetic library cases.
const libraryJSONL = `{"id":"L1","title":"甲超市销售过期食品案（合成）","text":"经查，当事人销售超过保质期的酸奶。","fine":5000,"tags":["食品"]}
{"id":"L2","title":"乙店无证经营案（合成）","text":"经查，当事人未取得许可从事经营。","fine":20000}
not json
`

func libServer(t *testing.T, opts Options) *Server {
	t.Helper()
	t.Setenv("ZHIFA_CASELIB_DATABASE_URL", "")
	t.Setenv("ZHIFA_DATABASE_URL", "")
	if opts.DataDir == "" {
		opts.DataDir = t.TempDir()
	}
	s := New(opts)
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

func upload(t *testing.T, s *Server, name, content, collection string) (int, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if collection != "" {
		mw.WriteField("collection", collection)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(content))
	}
	mw.Close()
	req := httptest.NewRequest("POST", "/api/v1/library/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := testResp(t, s, req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func libCall(t *testing.T, s *Server, method, path, body string) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	req.Header.Set("Content-Type", "application/json")
	resp, err := testResp(t, s, req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestLibraryAPI(t *testing.T) {
	s := libServer(t, Options{})
	code, b := upload(t, s, "lib.jsonl", libraryJSONL, "培训")
	if code != 200 || !strings.Contains(string(b), `"imported":2`) || !strings.Contains(string(b), `"line":3`) {
		t.Fatalf("import: %d %s", code, b)
	}
	// the ranking sees the import
	if code, b := libCall(t, s, "POST", "/api/v1/similar", `{"facts":"销售过期酸奶"}`); code != 200 || !strings.Contains(string(b), `"id":"L1"`) {
		t.Fatalf("similar after import: %d %s", code, b)
	}
	var thread struct{ ID string }
	for _, tc := range []struct {
		method, path, body string
		code               int
		want               string
	}{
		{"GET", "/api/v1/library/collections", "", 200, `{"collections":[{"name":"培训","cases":2,"exemplary":0}]}`},
		{"GET", "/api/v1/library/cases?collection=培训&limit=1", "", 200, `"total":2`},
		{"GET", "/api/v1/library/cases?q=酸奶", "", 200, `"id":"L1"`},
		{"GET", "/api/v1/library/cases?tag=食品", "", 200, `"total":1`},
		{"GET", "/api/v1/library/cases?limit=0", "", 400, `"field":"limit"`},
		{"GET", "/api/v1/library/cases?exemplary=maybe", "", 400, `"field":"exemplary"`},
		{"GET", "/api/v1/library/cases/L1", "", 200, `"annotations":[]`},
		{"GET", "/api/v1/library/cases/nope", "", 404, `not found`},
		{"POST", "/api/v1/library/cases/L1/tags", `{"tags":["过期","典型违法"]}`, 200, `"tags":["典型违法","过期","食品"]`},
		{"POST", "/api/v1/library/cases/L1/tags", `{"tags":[""]}`, 422, `"field":"tags"`},
		{"POST", "/api/v1/library/cases/L1/tags", `{"tags":["x"]`, 400, `"field":"body"`},
		{"POST", "/api/v1/library/cases/L1/tags", `{"tag":["x"]}`, 400, `"field":"tag"`},
		{"POST", "/api/v1/library/cases/nope/tags", `{"tags":["x"]}`, 404, `case nope not found`},
		{"DELETE", "/api/v1/library/cases/L1/tags/" + url.PathEscape("过期"), "", 200, `"tags":["典型违法","食品"]`},
		{"DELETE", "/api/v1/library/cases/nope/tags/x", "", 404, `not found`},
		{"POST", "/api/v1/library/cases/L1/annotations", `{"author":"王教员","role":"trainer","text":"注意保质期认定","quote":"超过保质期"}`, 201, `"quote":"超过保质期"`},
		{"POST", "/api/v1/library/cases/L1/annotations", `{"author":"王教员","role":"judge","text":"x"}`, 422, `"field":"role"`},
		{"POST", "/api/v1/library/cases/L1/annotations", `{"author":"王教员","role":"trainer","text":""}`, 422, `"field":"text"`},
		{"POST", "/api/v1/library/cases/L1/annotations", `{"author":"王教员","role":"trainer","text":"x","quote":"不在文中"}`, 422, `"field":"quote"`},
		{"POST", "/api/v1/library/cases/L1/annotations", `not json`, 400, `"field":"body"`},
		{"POST", "/api/v1/library/cases/nope/annotations", `{"author":"王","role":"trainer","text":"x"}`, 404, `not found`},
		{"PUT", "/api/v1/library/cases/L2/exemplary", `{"exemplary":true,"by":"李审核","reason":"说理充分"}`, 200, `"exemplary":true`},
		{"PUT", "/api/v1/library/cases/L2/exemplary", `{"by":"李审核","reason":"x"}`, 422, `"field":"exemplary"`},
		{"PUT", "/api/v1/library/cases/L2/exemplary", `{"exemplary":"yes"}`, 400, `"field":"exemplary"`},
		{"PUT", "/api/v1/library/cases/L2/exemplary", `{"exemplary":true,"by":"李审核"}`, 422, `"field":"reason"`},
		{"PUT", "/api/v1/library/cases/nope/exemplary", `{"exemplary":true,"by":"李","reason":"x"}`, 404, `not found`},
		{"GET", "/api/v1/library/cases?exemplary=true", "", 200, `"id":"L2"`},
		{"POST", "/api/v1/library/cases/L2/threads", `{"title":"许可范围如何认定","author":"赵队员","role":"officer","text":"请教各位"}`, 201, `"comments":[{`},
		{"POST", "/api/v1/library/cases/L2/threads", `{"title":"","author":"赵队员","role":"officer"}`, 422, `"field":"title"`},
		{"POST", "/api/v1/library/cases/L2/threads", `{"title":"x","author":"赵队员","role":"chief"}`, 422, `"field":"role"`},
		{"POST", "/api/v1/library/cases/nope/threads", `{"title":"x","author":"赵","role":"officer"}`, 404, `not found`},
		{"POST", "/api/v1/library/threads/t-none/comments", `{"author":"钱","role":"reviewer","text":"x"}`, 404, `thread t-none not found`},
		{"GET", "/api/v1/library/threads/t-none", "", 404, `not found`},
		{"GET", "/api/v1/library/export?format=pdf", "", 400, `"field":"format"`},
		{"GET", "/api/v1/library/export?collection=没有", "", 404, `not found`},
		{"GET", "/api/v1/library/export?collection=没有&format=docx", "", 404, `not found`},
	} {
		code, b := libCall(t, s, tc.method, tc.path, tc.body)
		if code != tc.code || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s %s %s: %d %s", tc.method, tc.path, tc.body, code, b)
		}
		if !json.Valid(b) {
			t.Errorf("%s %s: not JSON: %s", tc.method, tc.path, b)
		}
		if strings.HasSuffix(tc.path, "/threads") && code == 201 {
			json.Unmarshal(b, &thread)
		}
	}
	// comments in order
	for _, body := range []string{`{"author":"钱审核","role":"reviewer","text":"看经营范围"}`, `{"author":"孙教员","role":"trainer","text":"同意"}`} {
		if code, b := libCall(t, s, "POST", "/api/v1/library/threads/"+thread.ID+"/comments", body); code != 201 {
			t.Fatalf("comment: %d %s", code, b)
		}
	}
	if code, b := libCall(t, s, "POST", "/api/v1/library/threads/"+thread.ID+"/comments", `{"author":"钱","role":"boss","text":"x"}`); code != 422 || !strings.Contains(string(b), `"field":"role"`) {
		t.Errorf("bad role comment: %d %s", code, b)
	}
	code, b = libCall(t, s, "GET", "/api/v1/library/threads/"+thread.ID, "")
	var th struct {
		Comments []struct{ Author, Role string }
	}
	if code != 200 || json.Unmarshal(b, &th) != nil || len(th.Comments) != 3 || th.Comments[0].Role != "officer" || th.Comments[2].Author != "孙教员" {
		t.Fatalf("thread: %d %s", code, b)
	}
	// exports
	code, b = libCall(t, s, "GET", "/api/v1/library/export?collection="+url.QueryEscape("培训"), "")
	if code != 200 || strings.Count(string(b), "\n") != 2 || !strings.Contains(string(b), `"exemplary":true`) {
		t.Fatalf("jsonl export: %d %s", code, b)
	}
	code, b = libCall(t, s, "GET", "/api/v1/library/export?format=docx&collection="+url.QueryEscape("培训"), "")
	if code != 200 {
		t.Fatalf("docx export: %d %s", code, b)
	}
	doc := documentXML(t, b)
	for _, want := range []string{"甲超市销售过期食品案（合成）", "乙店无证经营案（合成）", "注意保质期认定", "许可范围如何认定", "看经营范围"} {
		if !strings.Contains(doc, want) {
			t.Errorf("docx lacks %q", want)
		}
	}
}

func TestLibraryImportErrors(t *testing.T) {
	s := libServer(t, Options{})
	for _, tc := range []struct {
		name, content string
		code          int
		want          string
	}{
		{"", "", 400, `"field":"file"`},
		{"x.pdf", "%PDF", 422, `"field":"file"`},
		{"empty.jsonl", "\n\n", 422, `"field":"file"`},
		{"bad.csv", "title,text\n甲,乙\n", 422, `"field":"file"`},
		{"d1.txt", "某局行政处罚决定书（合成）\n经查……", 200, `"imported":1`},
	} {
		code, b := upload(t, s, tc.name, tc.content, "u")
		if code != tc.code || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s: %d %s", tc.name, code, b)
		}
	}
	// a file over the library's own limit names the field
	old := maxLibraryUpload
	maxLibraryUpload = 1000
	defer func() { maxLibraryUpload = old }()
	if code, b := upload(t, s, "big.jsonl", strings.Repeat("x", 5000), "u"); code != 413 || !strings.Contains(string(b), `"field":"file"`) {
		t.Errorf("oversize file: %d %s", code, b)
	}
	// a body over the server's limit is refused before the handler (over a real listener:
	// app.Test gives up on the refused body)
	small := libServer(t, Options{BodyLimit: 64 << 10})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go small.App.Listener(ln)
	// only the headers are sent: the server answers from the declared length, and
	// a client still writing the body would race the server's close
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/library/import HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n", 100<<10)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 413 || !json.Valid(b) || !strings.Contains(string(b), `"field":"body"`) {
		t.Errorf("oversize body: %d %s", resp.StatusCode, b)
	}
}

// A decision recorded through the API joins the library (synthetic demo data).
func TestDecisionJoinsLibrary(t *testing.T) {
	t.Setenv("ZHIFA_CASELIB_DATABASE_URL", "")
	s := recordsServer(t)
	if code, _ := libCall(t, s, "GET", "/api/v1/library/cases/rec-demo-case-12", ""); code != 404 {
		t.Fatalf("undecided case already in the library: %d", code)
	}
	code, b := recCall(t, s, "POST", "/api/v1/cases/demo-case-12/steps",
		`{"kind":"decision","data":{"penalty_basis":"《中华人民共和国食品安全法》第一百二十四条第一款第（五）项","fine":5000,"summary":"没收过期调味料，罚款5000元"}}`)
	if code != 201 {
		t.Fatalf("decision: %d %s", code, b)
	}
	code, b = libCall(t, s, "GET", "/api/v1/library/cases/rec-demo-case-12", "")
	if code != 200 || !strings.Contains(string(b), `"collection":"本机关案例"`) || !strings.Contains(string(b), `"masked":true`) || !strings.Contains(string(b), `"fine":5000`) {
		t.Fatalf("library case: %d %s", code, b)
	}
	if code, b := libCall(t, s, "POST", "/api/v1/similar", `{"facts":"后厨存放超过保质期的调味料"}`); code != 200 || !strings.Contains(string(b), `"id":"rec-demo-case-12"`) {
		t.Fatalf("similar: %d %s", code, b)
	}
}
