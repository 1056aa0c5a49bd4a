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
	"time"

	"zhifa/drafting"
	"zhifa/records"
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
	// a redraft keeps the document's number: one number per document
	_, body = recCall(t, s, "POST", "/api/v1/cases/demo-case-01/documents", `{"kind":"行政处罚决定书"}`)
	if !strings.Contains(string(body), `"number":"`+r.Number+`"`) || !strings.Contains(string(body), `"version":2`) {
		t.Errorf("redraft: %s, want number %s kept", body, r.Number)
	}
	// an archived file takes no new document
	if code, body := recCall(t, s, "POST", "/api/v1/cases/demo-case-06/documents", `{"kind":"行政处罚决定书"}`); code != 409 || !strings.Contains(string(body), "archived") {
		t.Errorf("archived case: %d %s", code, body)
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
	resp, err := testResp(t, s, req)
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

// The review, hearing, collective-discussion, execution and closing details come from the
// latest step of each kind of the (synthetic) demo cases; what a case lacks is marked.
func TestDocumentsFromSteps(t *testing.T) {
	s := recordsServer(t) // synthetic demo bureau
	st, _ := s.Records()
	ctx := context.Background()
	for _, tc := range []struct {
		caseID, kind string
		want         []string // in the text
		warn, nowarn []string // among the warnings / not
	}{
		{"demo-case-01", "法制审核意见书", []string{"审核意见：事实清楚，证据确凿，适用依据正确，程序合法", "审核人员：刘洋（虚构）"}, nil, []string{"法制审核"}},
		{"demo-case-03", "听证通知书", []string{"9时30分，示例县市场监督管理局听证室（虚构）", "听证主持人：王芳（虚构）", "2026年6月2日"}, nil, []string{"听证"}},
		{"demo-case-03", "集体讨论记录", []string{"当事人承认发布涉案广告", "讨论意见及结论（《中华人民共和国行政处罚法》第五十七条第二款）：局案审会集体讨论同意", "法制审核意见：事实清楚"},
			[]string{"缺：集体讨论参加人员"}, []string{"集体讨论结论", "集体讨论时间地点", "法制审核意见"}},
		{"demo-case-01", "行政处罚决定书", []string{"违反了《中华人民共和国食品安全法》第三十四条第（四）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（三）项的规定，本案法定罚款幅度为", "（一）没收违法所得1800元及涉案食品；", "（二）罚款人民币陆万元整（60000.00元）。"}, nil, []string{"裁量理由"}},
		{"demo-case-01", "结案审批表", []string{"执行情况：当事人已全额缴纳罚款", "集体讨论结论：局案审会集体讨论同意。"}, nil, []string{"执行情况"}},
		{"demo-case-09", "行政处罚决定书", []string{"本机关决定对当事人作出如下行政处罚：", "【缺：处罚决定】"}, []string{"缺：处罚决定"}, nil},
		{"demo-case-09", "行政处罚事先告知书", []string{"【缺：拟作出的行政处罚】"}, []string{"缺：拟作出的行政处罚"}, nil},
		{"demo-case-11", "法制审核意见书", []string{"【缺：法制审核意见】", "【缺：法制审核人员】"}, []string{"缺：法制审核意见", "缺：法制审核人员"}, nil},
		{"demo-case-01", "听证通知书", []string{"【缺：听证时间地点】", "【缺：听证主持人】", "【缺：听证通知日期】"}, []string{"缺：听证时间地点", "缺：听证主持人", "缺：听证通知日期"}, nil},
	} {
		r, err := DraftDocument(ctx, st, tc.caseID, tc.kind, "t")
		if err != nil {
			t.Fatal(err)
		}
		x := documentXML(t, r.Content)
		for _, w := range tc.want {
			if !strings.Contains(x, w) {
				t.Errorf("%s %s: text lacks %q", tc.caseID, tc.kind, w)
			}
		}
		ws := strings.Join(r.Warnings, " ")
		for _, w := range tc.warn {
			if !strings.Contains(ws, w) {
				t.Errorf("%s %s: warnings %v lack %q", tc.caseID, tc.kind, r.Warnings, w)
			}
		}
		for _, w := range tc.nowarn {
			if strings.Contains(ws, w) {
				t.Errorf("%s %s: warnings %v name %q", tc.caseID, tc.kind, r.Warnings, w)
			}
		}
	}
	// the documents are dated by their step
	c, _ := st.GetCase(ctx, "demo-case-01", "t")
	ag, _ := st.GetAgency(ctx, c.AgencyID)
	m := CaseModel(ctx, st, c, ag)
	rv, _ := records.LatestStep(c.Steps, records.StepLegalReview)
	if m.ReviewDate != chineseDate(rv.Day()) || m.ReviewDate == m.Date {
		t.Errorf("review date %q, step %s, document date %q", m.ReviewDate, rv.Day(), m.Date)
	}
}

func TestStepDetailsLatestWins(t *testing.T) {
	at := time.Date(2026, 5, 1, 2, 0, 0, 0, time.UTC)
	steps := []records.Step{
		{Kind: records.StepLegalReview, At: at, Data: []byte(`{"opinion":"补充证据","reviewer":"甲（合成）"}`)},
		{Kind: records.StepLegalReview, At: at.AddDate(0, 0, 3), Data: []byte(`{"opinion":"同意","reviewer":"乙（合成）","date":"2026-05-05"}`)},
		{Kind: records.StepHearing, At: at, Data: []byte(`{"time":"14:00","host":"丙（合成）"}`)},
		{Kind: records.StepCollective, At: at, Data: []byte(`{"place":"三楼会议室","participants":["丁（合成）","戊（合成）"],"conclusion":"同意","note":"n"}`)},
	}
	var m drafting.Model
	stepDetails(&m, steps)
	if m.Review != "同意" || m.Reviewer != "乙（合成）" || m.ReviewDate != "2026年5月5日" {
		t.Errorf("review %q %q %q", m.Review, m.Reviewer, m.ReviewDate)
	}
	if m.Hearing != "2026年5月1日14时" || m.HearingHost != "丙（合成）" {
		t.Errorf("hearing %q %q", m.Hearing, m.HearingHost)
	}
	if m.Discussion != "2026年5月1日，三楼会议室" || m.DiscussionResult != "同意" || len(m.DiscussionParticipants) != 2 {
		t.Errorf("discussion %q %q %v", m.Discussion, m.DiscussionResult, m.DiscussionParticipants)
	}
}
