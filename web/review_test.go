package web

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"zhifa/nlp"
)

func reviewCall(t *testing.T, s *Server, actor, method, path, body string) (int, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return testAs(t, s, actor, req)
}

func keysOf(t *testing.T, b []byte) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// A case through the HTTP API: refused with no review, submitted, problems,
// refused, revised and resubmitted, approved, decided (synthetic data).
func TestReviewEndToEnd(t *testing.T) {
	s := recordsServer(t)
	id18 := "44070519850505002"
	c, _ := nlp.IDCheckDigit(id18)
	code, b := reviewCall(t, s, "officer-1", "POST", "/api/v1/cases", fmt.Sprintf(`{"id":"e2e-1","agency_id":"demo-scjgj","power_item_id":"demo-scjgj-SP-001","procedure":"normal",
		"title":"合成测试：无证经营案","facts":"2026年10月5日起，当事人未取得食品经营许可经营小吃店，违法所得1000元（合成测试数据）","amounts":{"illegal_income":1000},
		"officer_ids":["demo-of-1","demo-of-2"],"opened_on":"2026-10-08","parties":[{"kind":"person","name":"合成某","id_number":"%s%c","address":"示例县河滨路9号"}]}`, id18, c))
	if code != 201 {
		t.Fatalf("case: %d %s", code, b)
	}
	for _, st := range []string{`{"kind":"filing","at":"2026-10-08T09:00:00+08:00"}`, `{"kind":"investigation","at":"2026-10-10T09:00:00+08:00"}`,
		`{"kind":"notice","at":"2026-10-20T09:00:00+08:00","data":{"period_end":"2026-10-25","content":"告知陈述、申辩、要求听证的权利"}}`} {
		if code, b := reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-1/steps", st); code != 201 {
			t.Fatalf("step %s: %d %s", st, code, b)
		}
	}
	basis := "《中华人民共和国食品安全法》第一百二十二条第一款"
	dec := func(fine int) string {
		return fmt.Sprintf(`{"kind":"decision","data":{"penalty_basis":"%s","fine":%d,"confiscation":1000,"summary":"没收违法所得1000元，罚款%d元"}}`, basis, fine, fine)
	}
	refused := func(what, wantWords string) {
		t.Helper()
		code, b := reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-1/steps", dec(60000))
		var e struct{ Code, Field, Message string }
		_ = json.Unmarshal(b, &e)
		if code != 409 || e.Code != "review_required" || e.Field != "review" || !strings.Contains(e.Message, wantWords) {
			t.Fatalf("%s: %d %s", what, code, b)
		}
		if _, b := reviewCall(t, s, "officer-1", "GET", "/api/v1/cases/e2e-1/steps", ""); strings.Contains(string(b), `"decision"`) {
			t.Fatalf("%s: a refused decision was written: %s", what, b)
		}
	}
	refused("no review", "has no legal review")
	// a second case of the same party, filed the same way: it will never have a review of its own
	code, b = reviewCall(t, s, "officer-1", "POST", "/api/v1/cases", fmt.Sprintf(`{"id":"e2e-2","agency_id":"demo-scjgj","power_item_id":"demo-scjgj-SP-001","procedure":"normal",
		"title":"合成测试：另一案","facts":"合成测试数据","officer_ids":["demo-of-1","demo-of-2"],"opened_on":"2026-10-08","parties":[{"kind":"person","name":"合成某","id_number":"%s%c"}]}`, id18, c))
	if code != 201 {
		t.Fatalf("case 2: %d %s", code, b)
	}
	for _, st := range []string{`{"kind":"filing","at":"2026-10-08T09:00:00+08:00"}`, `{"kind":"investigation","at":"2026-10-10T09:00:00+08:00"}`, `{"kind":"notice","at":"2026-10-20T09:00:00+08:00"}`} {
		if code, b := reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-2/steps", st); code != 201 {
			t.Fatalf("case 2 step %s: %d %s", st, code, b)
		}
	}

	proposed := fmt.Sprintf(`{"penalty_basis":"%s","fine":60000,"confiscation":1000,"summary":"没收违法所得1000元，罚款60000元"}`, basis)
	code, b = reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-1/reviews", `{"reviewer":"demo-of-5","proposed":`+proposed+`}`)
	if code != 201 {
		t.Fatalf("submit: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-1/reviews", `{"reviewer":"demo-of-1"}`); code != 422 || !strings.Contains(string(b), `"field":"reviewer"`) {
		t.Errorf("an officer of the case as reviewer: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-1/reviews", `{"reviewer":"demo-of-5","fine":1}`); code != 400 || !strings.Contains(string(b), `"field":"fine"`) {
		t.Errorf("unknown field: %d %s", code, b)
	}

	// scope and checklist: exactly the contract's fields
	code, b = reviewCall(t, s, "officer-1", "GET", "/api/v1/cases/e2e-1/review/scope", "")
	if code != 200 || !reflect.DeepEqual(keysOf(t, b), []string{"matched", "required"}) || !strings.Contains(string(b), `"required":true`) || !strings.Contains(string(b), `"rule":"fine_person"`) {
		t.Fatalf("scope: %d %s", code, b)
	}
	var sc struct{ Matched []json.RawMessage }
	_ = json.Unmarshal(b, &sc)
	for _, m := range sc.Matched {
		if k := keysOf(t, m); !reflect.DeepEqual(k, []string{"citation", "reason", "rule"}) {
			t.Errorf("matched keys %v", k)
		}
	}
	code, b = reviewCall(t, s, "reviewer-5", "GET", "/api/v1/cases/e2e-1/review/checklist", "")
	if code != 200 || !reflect.DeepEqual(keysOf(t, b), []string{"points", "required"}) {
		t.Fatalf("checklist: %d %s", code, b)
	}
	var cl struct {
		Points []struct {
			Key, Name, Status string
			Findings          []map[string]string
		}
	}
	_ = json.Unmarshal(b, &cl)
	var keys []string
	for _, p := range cl.Points {
		keys = append(keys, p.Key)
		if !slices.Contains([]string{"pass", "fail", "warn", "not_run"}, p.Status) {
			t.Errorf("%s: status %q", p.Key, p.Status)
		}
		for _, f := range p.Findings {
			if len(f) != 3 || f["citation"] == "" || f["record"] == "" {
				t.Errorf("%s: finding %v", p.Key, f)
			}
		}
	}
	if strings.Join(keys, ",") != "subject,personnel,procedure,evidence,law,discretion,documents,transfer,jurisdiction,limitation" {
		t.Errorf("points: %v", keys)
	}

	// the reviewer's queue
	code, b = reviewCall(t, s, "reviewer-5", "GET", "/api/v1/reviews?reviewer=demo-of-5&status=pending", "")
	if code != 200 || !strings.Contains(string(b), `"id":"rv-e2e-1"`) {
		t.Fatalf("queue: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "reviewer-5", "GET", "/api/v1/reviews?status=done", ""); code != 422 || !strings.Contains(string(b), `"field":"status"`) {
		t.Errorf("bad status filter: %d %s", code, b)
	}
	code, b = reviewCall(t, s, "reviewer-5", "POST", "/api/v1/reviews/rv-e2e-1/opinion",
		`{"reviewer":"demo-of-5","result":"problems","reasons":"未见证据证明违法所得数额（合成）","points":[{"key":"evidence","decision":"override","status":"fail","comment":"违法所得无证据"}]}`)
	if code != 201 {
		t.Fatalf("problems: %d %s", code, b)
	}
	refused("problems", "problems")

	// revise: evidence of the illegal income, a lower fine; resubmit
	if code, b := reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-1/documents", `{"kind":"询问笔录","content":"5ZCI5oiQ"}`); code != 201 {
		t.Fatalf("document: %d %s", code, b)
	}
	proposed2 := strings.ReplaceAll(proposed, "60000", "50000")
	code, b = reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-1/reviews", `{"reviewer":"demo-of-5","note":"补充询问笔录，罚款调整为50000元","proposed":`+proposed2+`}`)
	if code != 201 || !strings.Contains(string(b), `"field":"proposed.fine","before":"60000元","after":"50000元"`) || !strings.Contains(string(b), `"field":"documents"`) {
		t.Fatalf("resubmit: %d %s", code, b)
	}
	var rv struct {
		Rounds []struct {
			Checklist struct {
				Points []struct{ Key, Status string }
			}
		}
	}
	_ = json.Unmarshal(b, &rv)
	var ov []string
	for _, p := range rv.Rounds[1].Checklist.Points {
		if p.Status == "fail" {
			ov = append(ov, fmt.Sprintf(`{"key":"%s","decision":"override","status":"warn","comment":"合成测试：已核对"}`, p.Key))
		}
	}
	code, b = reviewCall(t, s, "reviewer-5", "POST", "/api/v1/reviews/rv-e2e-1/opinion", `{"reviewer":"demo-of-5","result":"approve","reasons":"同意（合成）","points":[`+strings.Join(ov, ",")+`]}`)
	if code != 201 || !strings.Contains(string(b), `"status":"approve"`) {
		t.Fatalf("approve: %d %s", code, b)
	}
	refused("a decision other than the approved one", "not the one reviewed")
	// e2e-1's approval is no approval of e2e-2, even for the very decision approved
	if code, b := reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-2/steps", dec(50000)); code != 409 || !strings.Contains(string(b), "case e2e-2 has no legal review") {
		t.Fatalf("decision on another case's review: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "officer-1", "POST", "/api/v1/cases/e2e-1/steps", dec(50000)); code != 201 {
		t.Fatalf("the approved decision: %d %s", code, b)
	}
	code, b = reviewCall(t, s, "officer-1", "GET", "/api/v1/reviews/rv-e2e-1", "")
	if code != 200 || strings.Count(string(b), `"n":`) != 2 {
		t.Fatalf("show: %d %s", code, b)
	}
	code, b = reviewCall(t, s, "reviewer-5", "POST", "/api/v1/reviews/rv-e2e-1/document", "")
	if code != 201 || !strings.Contains(string(b), `"kind":"法制审核意见书"`) {
		t.Fatalf("意见书: %d %s", code, b)
	}
	if code, _ := reviewCall(t, s, "x", "GET", "/api/v1/reviews/rv-nope", ""); code != 404 {
		t.Errorf("unknown review: %d", code)
	}
	if code, _ := reviewCall(t, s, "x", "GET", "/api/v1/cases/nope/review/checklist", ""); code != 404 {
		t.Errorf("unknown case checklist: %d", code)
	}
}

// A reject, then the collective discussion decides (synthetic demo data).
func TestReviewCollectiveAfterReject(t *testing.T) {
	s := recordsServer(t)
	p := `{"penalty_basis":"《中华人民共和国广告法》第五十五条第一款","fine":200000,"summary":"罚款200000元"}`
	if code, b := reviewCall(t, s, "officer-3", "POST", "/api/v1/cases/demo-case-09/reviews", `{"reviewer":"demo-of-5","proposed":`+p+`}`); code != 201 {
		t.Fatalf("submit: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "reviewer-5", "POST", "/api/v1/reviews/rv-demo-case-09/opinion", `{"reviewer":"demo-of-5","result":"reject","reasons":"超出法定幅度（合成）"}`); code != 201 {
		t.Fatalf("reject: %d %s", code, b)
	}
	step := `{"kind":"decision","data":` + p + `}`
	if code, b := reviewCall(t, s, "officer-3", "POST", "/api/v1/cases/demo-case-09/steps", step); code != 409 || !strings.Contains(string(b), `"code":"review_required"`) {
		t.Fatalf("after reject: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "head", "POST", "/api/v1/reviews/rv-demo-case-09/collective", `{"participants":["甲（合成）","乙（合成）"],"opinions":[{"participant":"甲（合成）","opinion":"同意"}],"conclusion":"approve","reasons":"r"}`); code != 422 || !strings.Contains(string(b), `"field":"participants"`) {
		t.Errorf("two participants: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "head", "POST", "/api/v1/reviews/rv-demo-case-09/collective", `{"participants":["甲（合成）","乙（合成）","丙（合成）"],"opinions":[{"participant":"甲（合成）","opinion":"广告费用明显偏低，适用二十万元以上"}],"conclusion":"approve","reasons":"集体讨论同意（合成）"}`); code != 201 {
		t.Fatalf("collective: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "officer-3", "POST", "/api/v1/cases/demo-case-09/steps", step); code != 201 {
		t.Fatalf("decision after the collective approve: %d %s", code, b)
	}
}

func TestReviewStaffingAndCatalog(t *testing.T) {
	s := recordsServer(t)
	code, b := reviewCall(t, s, "x", "GET", "/api/v1/reports/review-staffing", "")
	if code != 200 || !strings.Contains(string(b), `"agency_id":"demo-scjgj"`) || !strings.Contains(string(b), `"below":false`) || !strings.Contains(string(b), "5%") {
		t.Fatalf("staffing: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "x", "GET", "/api/v1/cases/demo-case-01/evaluation", ""); code != 200 || !reflect.DeepEqual(keysOf(t, b), []string{"items", "max", "score"}) {
		t.Errorf("evaluation: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "x", "GET", "/api/v1/reports/evaluation?sample=2&from=2026-01-01&to=2026-12-31&seed=5", ""); code != 200 || !strings.Contains(string(b), `"population":3`) {
		t.Errorf("evaluation report: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "x", "GET", "/api/v1/reports/evaluation?sample=2&from=2026-01-01&to=2026-12-31&seed=5&format=xlsx", ""); code != 200 || !strings.HasPrefix(string(b), "PK") {
		t.Errorf("evaluation xlsx: %d %.40s", code, b)
	}
	if code, b := reviewCall(t, s, "x", "GET", "/api/v1/reports/evaluation?sample=2&from=2026-13-01&to=2026-12-31", ""); code != 422 || !strings.Contains(string(b), `"field":"from"`) {
		t.Errorf("bad from: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "x", "GET", "/api/v1/reports/evaluation?from=2026-01-01&to=2026-12-31", ""); code != 400 || !strings.Contains(string(b), `"field":"sample"`) {
		t.Errorf("no sample: %d %s", code, b)
	}
	bad := "{\n\"name\": \"x\",\n\"rules\": [{\"id\": \"a\", \"name\": \"n\", \"when\": {\"party\": \"firm\"}, \"citation\": \"c\"}]\n}"
	code, b = reviewCall(t, s, "admin", "PUT", "/api/v1/agencies/demo-scjgj/review-catalog", bad)
	if code != 422 || !strings.Contains(string(b), `"field":"rules[0].when.party"`) || !strings.Contains(string(b), "body:3:") {
		t.Fatalf("bad catalog: %d %s", code, b)
	}
	if code, b := reviewCall(t, s, "admin", "GET", "/api/v1/agencies/demo-scjgj/review-catalog", ""); code != 200 || !strings.Contains(string(b), `"fine_organization"`) {
		t.Errorf("the running catalog changed: %d %s", code, b)
	}
}

// Bad input to the review endpoints is a 4xx naming the field, never a 500.
func TestReviewBadInput(t *testing.T) {
	s := recordsServer(t)
	for _, tc := range []struct {
		method, path, body string
		status             int
		field              string
	}{
		{"POST", "/api/v1/cases/nope/reviews", `{"reviewer":"demo-of-5"}`, 404, ""},
		{"POST", "/api/v1/cases/demo-case-09/reviews", `{"reviewer":5}`, 400, "reviewer"},
		{"POST", "/api/v1/cases/demo-case-09/reviews", `{"reviewer":"demo-of-5","proposed":{"penalty_basis":"x","fine":"lots"}}`, 400, "proposed.fine"},
		{"POST", "/api/v1/cases/demo-case-09/reviews", ``, 400, "body"},
		{"POST", "/api/v1/cases/demo-case-01/reviews", `{"reviewer":"demo-of-5"}`, 409, "case"},
		{"POST", "/api/v1/reviews/rv-nope/opinion", `{"reviewer":"demo-of-5","result":"approve","reasons":"r"}`, 404, ""},
		{"POST", "/api/v1/reviews/rv-demo-case-08/opinion", `{"reviewer":"demo-of-5","result":"approve","reasons":"r","points":"all"}`, 400, "points"},
		{"POST", "/api/v1/reviews/rv-demo-case-08/opinion", `{"reviewer":"demo-of-5","result":"maybe","reasons":"r"}`, 422, "result"},
		{"POST", "/api/v1/reviews/rv-demo-case-01/opinion", `{"reviewer":"demo-of-5","result":"approve","reasons":"r"}`, 409, "review"},
		{"POST", "/api/v1/reviews/rv-demo-case-08/collective", `{"date":"2026-02-30","participants":["a","b","c"],"opinions":[{"participant":"a","opinion":"o"}],"conclusion":"approve","reasons":"r"}`, 422, "date"},
		{"POST", "/api/v1/reviews/rv-demo-case-08/collective", `{"participants":["a","b","c"],"opinions":[{"participant":"a","opinion":"o"}],"conclusion":"approve","reasons":"r"}`, 409, "review"},
		{"PUT", "/api/v1/agencies/nope/review-catalog", `{"name":"x"}`, 404, ""},
		{"GET", "/api/v1/cases/demo-case-09/evaluation", ``, 409, "case"},
	} {
		code, b := reviewCall(t, s, "x", tc.method, tc.path, tc.body)
		if code != tc.status || (tc.field != "" && !strings.Contains(string(b), `"field":"`+tc.field+`"`)) {
			t.Errorf("%s %s %s: %d %s", tc.method, tc.path, tc.body, code, b)
		}
	}
}
