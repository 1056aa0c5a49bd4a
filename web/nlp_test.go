package web

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestNLPAmountEndpoint(t *testing.T) {
	s := lawsServer(t)
	req := httptest.NewRequest("POST", "/api/v1/nlp/amount", strings.NewReader(`{"text":"处五万元以上十万元以下罚款，没收违法所得12,345.50元"}`))
	req.Header.Set("Content-Type", "application/json")
	status, v := do(t, s, req)
	if status != 200 {
		t.Fatalf("status %d %v", status, v)
	}
	amounts, _ := v["amounts"].([]any)
	want := []float64{50000, 100000, 12345.5}
	if len(amounts) != len(want) {
		t.Fatalf("amounts %v", v)
	}
	for i, w := range want {
		a := amounts[i].(map[string]any)
		if a["value"] != w {
			t.Errorf("amount %d = %v, want %v", i, a, w)
		}
	}
}

func TestNLPRedactEndpoint(t *testing.T) {
	s := lawsServer(t)
	req := httptest.NewRequest("POST", "/api/v1/nlp/redact", strings.NewReader(`{"text":"当事人张三（合成示例），手机13812345678"}`))
	req.Header.Set("Content-Type", "application/json")
	status, v := do(t, s, req)
	if status != 200 {
		t.Fatalf("status %d %v", status, v)
	}
	if v["text"] != "当事人张某（合成示例），手机138****5678" {
		t.Errorf("text %v", v["text"])
	}
	if spans, _ := v["spans"].([]any); len(spans) != 2 {
		t.Errorf("spans %v", v["spans"])
	}
}

func TestNLPBadInput(t *testing.T) {
	s := lawsServer(t)
	for _, path := range []string{"/api/v1/nlp/amount", "/api/v1/nlp/redact"} {
		for _, tt := range []struct{ body, field string }{
			{``, "body"},
			{`{}`, "text"},
			{`{"text": 5}`, "text"},
			{`{"txt": "x"}`, "txt"},
			{`{"text": "x"} x`, "body"},
		} {
			req := httptest.NewRequest("POST", path, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			status, v := do(t, s, req)
			if status != 400 || v["field"] != tt.field {
				t.Errorf("%s %q: status %d %v, want 400 naming %s", path, tt.body, status, v, tt.field)
			}
		}
	}
}
