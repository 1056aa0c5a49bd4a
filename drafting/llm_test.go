package drafting

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"zhifa/corpora"
)

// fakeLLM speaks the chat-completions protocol and misbehaves as told.
func fakeLLM(t *testing.T, mode string, answer string) (*httptest.Server, *int32) {
	var calls int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := atomic.AddInt32(&calls, 1)
		stream := strings.Contains(readBody(r), `"stream":true`)
		switch {
		case mode == "500" && n <= 2:
			http.Error(w, `{"error":{"message":"boom"}}`, 500)
			return
		case mode == "slow":
			time.Sleep(300 * time.Millisecond)
		}
		if stream {
			w.Header().Set("Content-Type", "text/event-stream")
			for _, part := range []string{answer[:len(answer)/2], answer[len(answer)/2:]} {
				fmt.Fprintf(w, "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":%q}}]}\n\n", part)
			}
			if mode != "truncated" {
				fmt.Fprint(w, "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":%q},"finish_reason":"stop"}]}`, answer)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func readBody(r *http.Request) string {
	b := new(strings.Builder)
	buf := make([]byte, 4096)
	for {
		n, err := r.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}

func TestLLM(t *testing.T) {
	const answer = "当事人于2026年3月10日生产涉案食品。"
	for _, tc := range []struct {
		mode    string
		stream  bool
		wantErr bool
		calls   int32
	}{
		{"ok", false, false, 1},
		{"ok", true, false, 1},
		{"500", false, false, 3},
		{"slow", false, true, 2},
		{"truncated", true, true, 2},
	} {
		srv, calls := fakeLLM(t, tc.mode, answer)
		l := NewLLM(srv.URL+"/v1", "k", "m")
		l.Timeout, l.Retries, l.Backoff = 100*time.Millisecond, 1, time.Millisecond
		if tc.mode == "500" {
			l.Retries = 3
		}
		var streamed strings.Builder
		var on func(string)
		if tc.stream {
			on = func(s string) { streamed.WriteString(s) }
		}
		got, err := l.Rewrite(context.Background(), "prompt", on)
		if (err != nil) != tc.wantErr || !tc.wantErr && got != answer || *calls != tc.calls {
			t.Errorf("%s stream=%v: %q %v after %d calls", tc.mode, tc.stream, got, err, *calls)
		}
		if tc.stream && !tc.wantErr && streamed.String() != answer {
			t.Errorf("streamed %q", streamed.String())
		}
		if !tc.wantErr {
			if _, err := l.Rewrite(context.Background(), "prompt", nil); err != nil || *calls != tc.calls {
				t.Errorf("%s: cache missed (%d calls)", tc.mode, *calls)
			}
		}
	}
}

func TestNarrateRejectsLies(t *testing.T) {
	m := sample()
	m.Facts = "当事人销售超过保质期的食品。"
	rec := Record{Citations: []string{m.Basis}, Amounts: []float64{150000}, Dates: []string{"2026-03-10"}}
	srv, _ := fakeLLM(t, "ok", "当事人销售过期食品。依据《中华人民共和国食品安全法》第九百九十九条，货值金额99999元。")
	l := NewLLM(srv.URL+"/v1", "k", "m")
	got, warn := Narrate(context.Background(), l, corporaDefault(), m, rec, nil)
	if strings.Contains(got.Facts, "第九百九十九条") || !strings.Contains(got.Facts, "当事人销售过期食品。") || len(warn) == 0 {
		t.Errorf("facts %q, warnings %v", got.Facts, warn)
	}
	srv.Close()
	down := NewLLM(srv.URL+"/v1", "k", "m2")
	down.Retries, down.Backoff = 1, time.Millisecond
	got, warn = Narrate(context.Background(), down, corporaDefault(), m, rec, nil)
	if got.Facts != m.Facts || len(warn) == 0 {
		t.Errorf("down LLM: %q %v", got.Facts, warn)
	}
}

func corporaDefault() *corpora.Corpus { return corpora.Default() }

// An endpoint that answers after the draft's budget leaves the template text
// of every part, with a note, within the budget — though each attempt alone
// would have waited a minute, with retries.
func TestNarrateBudget(t *testing.T) {
	m := sample()
	m.Facts, m.Discretion = "当事人销售超过保质期的食品。", "初次违法，从轻处罚。"
	rec := Record{Citations: []string{m.Basis}, Amounts: []float64{150000}, Dates: []string{"2026-03-10"}}
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // past any deadline
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	l := NewLLM(srv.URL+"/v1", "k", "m")
	l.Budget = 300 * time.Millisecond
	start := time.Now()
	got, warn := Narrate(context.Background(), l, corporaDefault(), m, rec, nil)
	took := time.Since(start)
	if took > time.Second {
		t.Errorf("narration took %v with a budget of %v", took, l.Budget)
	}
	if got.Facts != m.Facts || got.Discretion != m.Discretion {
		t.Errorf("template text not kept: %q %q", got.Facts, got.Discretion)
	}
	if len(warn) != 2 || !strings.Contains(warn[0], "template text kept") {
		t.Errorf("warnings %v", warn)
	}
}

// A cache whose Redis is down answers from the node's own memory, fast.
func TestRedisCacheDown(t *testing.T) {
	t.Setenv("ZHIFA_REDIS_URL", "redis://127.0.0.1:1/0")
	c := cacheFromEnv()
	ctx := context.Background()
	start := time.Now()
	c.Put(ctx, "k", "v")
	v, ok := c.Get(ctx, "k")
	if !ok || v != "v" {
		t.Errorf("Redis down: got %q %v, want the node's own answer", v, ok)
	}
	if _, ok := c.Get(ctx, "other"); ok {
		t.Error("a key never put was found")
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("three calls with Redis down took %v", took)
	}
}
