package drafting

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// LLM rewrites narrative parts through an OpenAI-compatible endpoint. Off unless configured.
type LLM struct {
	client  *openai.Client
	model   string
	Timeout time.Duration // per attempt
	Retries int
	Backoff time.Duration // doubled after each failed attempt
	// Budget bounds all the LLM calls of one draft (Narrate): past it the
	// template text stays, so a slow or dead endpoint cannot hold a request
	// past its deadline. 0: no bound but the caller's context.
	Budget time.Duration
	Cache  Cache
}

// DefaultBudget is the LLM's share of one draft request ($ZHIFA_LLM_DEADLINE).
const DefaultBudget = 20 * time.Second

// LLMFromEnv returns nil when ZHIFA_LLM_BASE_URL is unset.
func LLMFromEnv() *LLM {
	base := os.Getenv("ZHIFA_LLM_BASE_URL")
	if base == "" {
		return nil
	}
	l := NewLLM(base, os.Getenv("ZHIFA_LLM_API_KEY"), os.Getenv("ZHIFA_LLM_MODEL"))
	if d, err := time.ParseDuration(os.Getenv("ZHIFA_LLM_DEADLINE")); err == nil && d > 0 {
		l.Budget = d
	}
	return l
}

// NewLLM talks to baseURL (…/v1) with model.
func NewLLM(baseURL, key, model string) *LLM {
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = baseURL
	return &LLM{client: openai.NewClientWithConfig(cfg), model: model, Timeout: 60 * time.Second, Retries: 3, Backoff: 500 * time.Millisecond, Budget: DefaultBudget, Cache: cacheFromEnv()}
}

func (l *LLM) request(prompt string) openai.ChatCompletionRequest {
	return openai.ChatCompletionRequest{Model: l.model, Temperature: 0, Messages: []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: "你是行政执法文书的文字助手。只改写叙述文字；不得增加或改动任何法律条文、金额、日期。"},
		{Role: openai.ChatMessageRoleUser, Content: prompt},
	}}
}

func (l *LLM) key(prompt string) string {
	h := sha256.Sum256([]byte(l.model + "\x00" + prompt))
	return hex.EncodeToString(h[:])
}

// Rewrite returns the model's answer to prompt, from the cache when seen before; onDelta, when
// not nil, receives the text as it streams.
func (l *LLM) Rewrite(ctx context.Context, prompt string, onDelta func(string)) (string, error) {
	k := l.key(prompt)
	if v, ok := l.Cache.Get(ctx, k); ok {
		if onDelta != nil {
			onDelta(v)
		}
		return v, nil
	}
	var last error
	wait := l.Backoff
	for attempt := 0; attempt <= l.Retries; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return "", ctx.Err()
			case <-time.After(wait):
			}
			wait *= 2
		}
		v, err := l.once(ctx, prompt, onDelta)
		if err == nil {
			l.Cache.Put(ctx, k, v)
			return v, nil
		}
		last = err
		if ctx.Err() != nil {
			break
		}
	}
	return "", fmt.Errorf("llm: %w", last)
}

func (l *LLM) once(ctx context.Context, prompt string, onDelta func(string)) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, l.Timeout)
	defer cancel()
	if onDelta == nil {
		resp, err := l.client.CreateChatCompletion(ctx, l.request(prompt))
		if err != nil {
			return "", err
		}
		if len(resp.Choices) == 0 {
			return "", errors.New("no choices")
		}
		return resp.Choices[0].Message.Content, nil
	}
	req := l.request(prompt)
	req.Stream = true
	st, err := l.client.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return "", err
	}
	defer st.Close()
	var b strings.Builder
	finished := false
	for {
		r, err := st.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		for _, ch := range r.Choices {
			b.WriteString(ch.Delta.Content)
			onDelta(ch.Delta.Content)
			finished = finished || ch.FinishReason != ""
		}
	}
	if !finished {
		return "", errors.New("stream ended without a finish reason (truncated)")
	}
	return b.String(), nil
}

// lru is a small in-process cache (used when no Redis is configured).
type lru struct {
	mu  sync.Mutex
	max int
	ll  *list.List
	m   map[string]*list.Element
}

type lruEntry struct{ k, v string }

func newLRU(max int) *lru { return &lru{max: max, ll: list.New(), m: map[string]*list.Element{}} }

func (c *lru) get(k string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(lruEntry).v, true
	}
	return "", false
}

func (c *lru) put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok {
		e.Value = lruEntry{k, v}
		c.ll.MoveToFront(e)
		return
	}
	c.m[k] = c.ll.PushFront(lruEntry{k, v})
	if c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.m, last.Value.(lruEntry).k)
	}
}
