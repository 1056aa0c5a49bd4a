package web

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// libForm posts a page form as actor.
func libForm(t *testing.T, s *Server, actor, path string, form url.Values) (int, string) {
	t.Helper()
	code, b := testAs(t, s, actor, formReq(path, form))
	return code, string(b)
}

func libGet(t *testing.T, s *Server, actor, path string) (int, string) {
	t.Helper()
	code, b := testAs(t, s, actor, httptest.NewRequest("GET", path, nil))
	return code, string(b)
}

// beside reports whether msg follows the field with id within a few hundred bytes.
func beside(body, id, msg string) bool {
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return false
	}
	end := min(len(body), i+700)
	return strings.Contains(body[i:end], `class="err">`) && strings.Contains(body[i:end], msg)
}

// pageImport uploads a file through the page and follows its progress page
// until the import is done.
func pageImport(t *testing.T, s *Server, name, content, collection string) string {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("_csrf", "")
	mw.WriteField("collection", collection)
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(content))
	}
	mw.Close()
	req := httptest.NewRequest("POST", "/ui/library/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+testToken(t, s, "trainer1"))
	resp, err := s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 303 {
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return b.String()
	}
	loc := resp.Header.Get("Location")
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		_, body := libGet(t, s, "trainer1", loc)
		if !strings.Contains(body, `http-equiv="refresh"`) {
			return body
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("import %s never finished", loc)
	return ""
}

func TestLibraryPages(t *testing.T) {
	s := libServer(t, Options{})
	// the import page: counts and the bad line beside the file field
	body := pageImport(t, s, "lib.jsonl", libraryJSONL, "培训")
	if !strings.Contains(body, `class="imported">2<`) || !strings.Contains(body, `class="skipped">1<`) {
		t.Fatalf("import counts not shown: %.2000s", body)
	}
	if !beside(body, "file", "第 3 行") {
		t.Errorf("line error not beside the file field: %.3000s", body)
	}
	// an unsupported file is refused beside the field, before any import
	if body := pageImport(t, s, "lib.pdf", "x", ""); !beside(body, "file", "不支持的文件类型") {
		t.Errorf("unsupported type not beside the file field: %.2000s", body)
	}
	if body := pageImport(t, s, "", "", ""); !beside(body, "file", "请选择") {
		t.Errorf("missing file not beside the file field: %.2000s", body)
	}
	if body := pageImport(t, s, "empty.jsonl", "\n\n", ""); !beside(body, "file", "没有案例") {
		t.Errorf("empty file not beside the file field: %.2000s", body)
	}

	// the list: collections, filters, a link to each case
	for _, tc := range []struct {
		actor, path string
		status      int
		want, not   string
	}{
		{"trainer1", "/ui/library", 200, `href="/ui/library/cases/L1"`, ""},
		{"trainer1", "/ui/library", 200, "培训 <span class=\"muted\">2 件", ""},
		{"trainer1", "/ui/library?q=" + url.QueryEscape("无证"), 200, "L2", "/ui/library/cases/L1"},
		{"trainer1", "/ui/library?tag=" + url.QueryEscape("食品"), 200, "L1", "/ui/library/cases/L2"},
		{"trainer1", "/ui/library?exemplary=maybe", 400, "请选择", ""},
		{"officer1", "/ui/library", 200, "L1", "导入案例"},
		{"supervisor1", "/ui/library", 403, "无权访问", ""},
		{"officer1", "/ui/library/import", 403, "无权访问", ""},
		{"trainer1", "/ui/library/cases/L1", 200, "甲超市销售过期食品案", ""},
		{"officer1", "/ui/library/cases/L1", 200, "发起讨论", "添加标签"},
		{"trainer1", "/ui/library/cases/nope", 404, "找不到", ""},
	} {
		code, body := libGet(t, s, tc.actor, tc.path)
		if code != tc.status || !strings.Contains(body, tc.want) || tc.not != "" && strings.Contains(body, tc.not) {
			t.Errorf("%s %s: %d, want %d with %q without %q\n%.600s", tc.actor, tc.path, code, tc.status, tc.want, tc.not, body)
		}
	}
	if code, body := libGet(t, s, "trainer1", "/ui/library?exemplary=maybe"); !beside(body, "exemplary", "请选择") {
		t.Errorf("bad exemplary filter not beside its field: %d %.1500s", code, body)
	}

	// curation: a tag appears and goes, the mark needs a reason
	code, body := libForm(t, s, "trainer1", "/ui/library/cases/L2/tags", url.Values{"tag": {"许可，无证经营"}})
	if code != 303 {
		t.Fatalf("add tags: %d %.500s", code, body)
	}
	_, body = libGet(t, s, "trainer1", "/ui/library/cases/L2")
	if !strings.Contains(body, `<span class="tag">无证经营`) || !strings.Contains(body, `<span class="tag">许可`) {
		t.Errorf("added tags not shown: %.3000s", body)
	}
	libForm(t, s, "trainer1", "/ui/library/cases/L2/tags", url.Values{"remove": {"许可"}})
	if _, body = libGet(t, s, "trainer1", "/ui/library/cases/L2"); strings.Contains(body, `<span class="tag">许可<`) {
		t.Errorf("removed tag still shown")
	}
	for _, tc := range []struct {
		name, path string
		form       url.Values
		field, msg string
	}{
		{"empty tag", "/ui/library/cases/L2/tags", url.Values{"tag": {"  "}}, "tag", "at least one tag"},
		{"mark without reason", "/ui/library/cases/L2/exemplary", url.Values{"exemplary": {"true"}, "reason": {""}}, "reason", "is required"},
		{"empty note", "/ui/library/cases/L1/annotations", url.Values{"note_text": {""}}, "note_text", "is required"},
		{"quote not in the text", "/ui/library/cases/L1/annotations", url.Values{"note_text": {"要点"}, "note_quote": {"不存在的段落"}}, "note_quote", "not a passage"},
		{"thread without title", "/ui/library/cases/L1/threads", url.Values{"thread_text": {"意见（合成）"}}, "thread_title", "is required"},
	} {
		code, body := libForm(t, s, "trainer1", tc.path, tc.form)
		if code != 422 || !beside(body, tc.field, tc.msg) {
			t.Errorf("%s: %d, want 422 with %q beside %s\n%.3000s", tc.name, code, tc.msg, tc.field, body)
		}
	}
	if code, body := libForm(t, s, "trainer1", "/ui/library/cases/L2/exemplary", url.Values{"exemplary": {"true"}, "reason": {"无证经营的典型情形（合成）"}}); code != 303 {
		t.Fatalf("mark: %d %.500s", code, body)
	}
	if _, body := libGet(t, s, "trainer1", "/ui/library/cases/L2"); !strings.Contains(body, "无证经营的典型情形（合成）") || !strings.Contains(body, "撤销典型案例标记") {
		t.Errorf("mark not shown: %.3000s", body)
	}
	if _, body := libGet(t, s, "trainer1", "/ui/library?exemplary=true"); !strings.Contains(body, "/ui/library/cases/L2") || strings.Contains(body, "/ui/library/cases/L1") {
		t.Errorf("exemplary filter: %.2000s", body)
	}
	if code, _ := libForm(t, s, "officer1", "/ui/library/cases/L2/tags", url.Values{"tag": {"x"}}); code != 403 {
		t.Errorf("officer tagged: %d", code)
	}

	// annotations and discussion: an officer joins a trainer's thread
	if code, body := libForm(t, s, "trainer1", "/ui/library/cases/L1/annotations", url.Values{"note_text": {"注意保质期的认定（合成）"}, "note_quote": {"超过保质期的酸奶"}}); code != 303 {
		t.Fatalf("annotate: %d %.500s", code, body)
	}
	if code, body := libForm(t, s, "trainer1", "/ui/library/cases/L1/threads", url.Values{"thread_title": {"是否应当从轻（合成）"}, "thread_text": {"请讨论（合成）"}}); code != 303 {
		t.Fatalf("thread: %d %.500s", code, body)
	}
	_, body = libGet(t, s, "officer1", "/ui/library/cases/L1")
	if !strings.Contains(body, "注意保质期的认定（合成）") || !strings.Contains(body, "<blockquote>超过保质期的酸奶") || !strings.Contains(body, "是否应当从轻（合成）") {
		t.Fatalf("annotation or thread not shown: %.4000s", body)
	}
	i := strings.Index(body, `/threads/`)
	tid := body[i+len("/threads/") : i+strings.Index(body[i:], "/comments")]
	path := "/ui/library/cases/L1/threads/" + tid + "/comments"
	if code, body := libForm(t, s, "officer1", path, url.Values{"text": {""}}); code != 422 || !beside(body, "comment-"+tid, "is required") {
		t.Errorf("empty comment: %d %.3000s", code, body)
	}
	if code, body := libForm(t, s, "officer1", path, url.Values{"text": {"初次违法且及时改正（合成）"}}); code != 303 {
		t.Fatalf("comment: %d %.500s", code, body)
	}
	if _, body := libGet(t, s, "trainer1", "/ui/library/cases/L1"); !strings.Contains(body, "初次违法且及时改正（合成）") || !strings.Contains(body, "officer1（执法人员）") {
		t.Errorf("comment not shown: %.4000s", body)
	}
	if code, _ := libForm(t, s, "officer1", "/ui/library/cases/L2/threads/"+tid+"/comments", url.Values{"text": {"x"}}); code != 404 {
		t.Errorf("comment on another case's thread: %d", code)
	}
}
