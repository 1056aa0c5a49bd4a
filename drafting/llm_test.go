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
