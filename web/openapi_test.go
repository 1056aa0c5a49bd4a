package web

import (
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)\??`)

// apiRoutes are the registered /api/v1 routes as OpenAPI "METHOD path" keys.
func apiRoutes(s *Server) map[string]bool {
	out := map[string]bool{}
	for _, r := range s.App.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == "HEAD" || r.Method == "USE" {
			continue
		}
		p := fiberParam.ReplaceAllString(strings.TrimPrefix(r.Path, "/api/v1"), "{$1}")
		out[strings.ToLower(r.Method)+" "+p] = true
	}
	return out
}

// Every /api/v1 route is in the OpenAPI document and the document names no
// route that does not exist: a new route without documentation fails here.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	defer s.Close(t.Context())
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapiDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m, op := range ops {
			var o struct {
				Summary   string          `json:"summary"`
				Responses json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(op, &o); err != nil || o.Summary == "" || len(o.Responses) == 0 {
				t.Errorf("%s %s: an operation needs a summary and responses", m, p)
			}
			documented[m+" "+p] = true
		}
	}
	routes := apiRoutes(s)
	var missing, extra []string
	for r := range routes {
		if !documented[r] {
			missing = append(missing, r)
		}
	}
	for d := range documented {
		if !routes[d] {
			extra = append(extra, d)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if os.Getenv("ZHIFA_OPENAPI_LIST") != "" {
		t.Logf("missing:\n%s", strings.Join(missing, "\n"))
	}
	if len(missing) > 0 {
		t.Errorf("routes not in web/openapi.json:\n%s", strings.Join(missing, "\n"))
	}
	if len(extra) > 0 {
		t.Errorf("documented but not routed:\n%s", strings.Join(extra, "\n"))
	}
}
