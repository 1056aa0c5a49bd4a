package records

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDemoIsIdempotentAndVerifies(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		r1 := s.Verify(ctx)
		demoStore(t, s)
		r2 := s.Verify(ctx)
		if !r1.OK || !r2.OK {
			t.Fatalf("demo chain does not verify: %+v / %+v", r1, r2)
		}
		if r1.Entries != r2.Entries {
			t.Errorf("loading the demo twice wrote %d more chain entries", r2.Entries-r1.Entries)
		}
		cases, err := s.ListCases(ctx)
		if err != nil || len(cases) != 12 {
			t.Fatalf("demo cases: %d, %v", len(cases), err)
		}
		stages := map[string]bool{}
		for _, c := range cases {
			stages[c.Status] = true
		}
		if len(stages) < 6 {
			t.Errorf("demo cases cover only stages %v", stages)
		}
		dec, err := s.ListDecidedCases(ctx, time.Time{})
		if err != nil || len(dec) < 5 {
			t.Fatalf("decided cases: %d, %v", len(dec), err)
		}
		for _, c := range dec {
			if c.Decision == nil || c.Decision.PenaltyBasis == "" || c.Decision.Date == "" {
				t.Errorf("decided case %s lacks decision data: %+v", c.ID, c.Decision)
			}
		}
		c, err := s.GetCase(ctx, "demo-case-08", "supervisor-1")
		if err != nil {
			t.Fatal(err)
		}
		// The case's deadline warnings are computed in rules and installed by
		// package warnings; warnings/cases_test.go checks them on this case.
		_ = c
		log, _ := s.AccessLogFor(ctx, "demo-case-08")
		if len(log) != 1 || log[0].Actor != "supervisor-1" {
			t.Errorf("access log after one read: %+v", log)
		}
	})
}

func TestCaseValidation(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		good := Case{AgencyID: DemoAgencyID, PowerItemID: DemoAgencyID + "-SP-002", OpenedOn: "2026-11-01", OfficerIDs: []string{"demo-of-1", "demo-of-2"},
			Parties: []Party{{Kind: PartyPerson, Name: "测试（合成）", IDNumber: demoID("19800101", "321")}}}
		if _, err := s.CreateCase(ctx, good, "t"); err != nil {
			t.Fatalf("valid case refused: %v", err)
		}
		for _, tc := range []struct {
			field string
			mod   func(c *Case)
		}{
			{"parties[0].id_number", func(c *Case) { c.Parties = []Party{{Kind: PartyPerson, Name: "x", IDNumber: "440705198001013210"}} }},
			{"parties[0].credit_code", func(c *Case) {
				c.Parties = []Party{{Kind: PartyOrganization, Name: "x", CreditCode: "91440705MA5000001A"}}
			}},
			{"officer_ids", func(c *Case) { c.OfficerIDs = []string{"demo-of-1"} }},
			{"officer_ids[1]", func(c *Case) { c.OfficerIDs = []string{"demo-of-1", "demo-of-7"} }}, // certificate expired 2025-12-31
			{"power_item_id", func(c *Case) { c.PowerItemID = "nope" }},
			{"opened_on", func(c *Case) { c.OpenedOn = "2026-13-01" }},
		} {
			c := good
			tc.mod(&c)
			_, err := s.CreateCase(ctx, c, "t")
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("want error on %s, got %v", tc.field, err)
			}
		}
	})
}

func TestStepOrder(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		c, err := s.CreateCase(ctx, Case{AgencyID: DemoAgencyID, PowerItemID: DemoAgencyID + "-SP-003", OpenedOn: "2026-09-01", OfficerIDs: []string{"demo-of-1", "demo-of-2"},
			Parties: []Party{{Kind: PartyOrganization, Name: "合成公司", CreditCode: demoCredit("MA5999999")}}}, "t")
		if err != nil {
			t.Fatal(err)
		}
		d := func(s string) time.Time { return parseDay(s).Add(10 * time.Hour) }
		dec := Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十四条", Fine: 50000}
		steps := []struct {
			kind, at string
			data     any
			wantErr  string
		}{
			{StepDecision, "2026-09-02", dec, "立案"},
			{StepFiling, "2026-09-01", nil, ""},
			{StepService, "2026-09-02", nil, "decision"},
			{StepDecision, "2026-09-03", dec, "告知"},
			{StepNotice, "2026-09-05", NoticeData{PeriodEnd: "2026-09-10"}, ""},
			{StepDecision, "2026-09-08", dec, "period"},
			{StepDecision, "2026-10-15", Decision{Fine: 1}, "penalty_basis"},
			{StepDecision, "2026-10-15", dec, ""},
			{StepService, "2026-10-30", nil, ""},
			{StepArchiving, "2026-10-31", nil, "结案"},
			{StepClosing, "2026-10-31", nil, ""},
			{StepArchiving, "2026-10-31", nil, ""},
			{StepExecution, "2026-11-02", nil, "archived"},
		}
		SetCaseWarner(func(_ context.Context, _ ObjectLister, c Case, _ time.Time) []string {
			return []string{"steps " + strconv.Itoa(len(c.Steps))}
		})
		defer SetCaseWarner(nil)
		var warns []string
		for i, st := range steps {
			_, w, err := s.AppendStep(ctx, c.ID, st.kind, d(st.at), st.data, "officer")
			if st.wantErr == "" && err != nil {
				t.Fatalf("step %d %s refused: %v", i, st.kind, err)
			}
			if st.wantErr != "" && (err == nil || !strings.Contains(err.Error(), st.wantErr)) {
				t.Fatalf("step %d %s: want refusal mentioning %q, got %v", i, st.kind, st.wantErr, err)
			}
			if err == nil {
				warns = w
			}
		}
		// What the warnings say is rules' (tested in package warnings); here:
		// the installed computation sees the case with all its steps.
		if len(warns) != 1 || warns[0] != "steps 6" {
			t.Errorf("AppendStep's warnings should be the installed CaseWarner's over the case's 6 steps: %v", warns)
		}
		got, _ := s.GetCase(ctx, c.ID, "t")
		if got.Status != StatusArchived || got.Decision == nil || got.Decision.Fine != 50000 {
			t.Errorf("case after steps: status %s decision %+v", got.Status, got.Decision)
		}
	})
}

func TestDocumentNumbersConcurrent(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		s2, err := OpenURL(ctx, url, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		const per = 20
		var mu sync.Mutex
		seen := map[int]int{}
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			st := s
			if g%2 == 1 {
				st = s2
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < per; i++ {
					n, err := st.NextDocumentNumber(ctx, "ag-1", 2026, "处罚")
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					seen[n]++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		for n := 1; n <= 8*per; n++ {
			if seen[n] != 1 {
				t.Fatalf("number %d allocated %d times", n, seen[n])
			}
		}
		if n, _ := s.NextDocumentNumber(ctx, "ag-1", 2027, "处罚"); n != 1 {
			t.Errorf("a new year starts at %d, want 1", n)
		}
	})
}

func TestDocumentsAndEvidence(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		d1, err := s.AddDocument(ctx, "demo-case-05", "decision", "示县市监处罚〔2026〕5号", []byte("v1 合成"), "drafter")
		if err != nil {
			t.Fatal(err)
		}
		d2, err := s.AddDocument(ctx, "demo-case-05", "decision", "示县市监处罚〔2026〕5号", []byte("v2 合成"), "drafter")
		if err != nil {
			t.Fatal(err)
		}
		if d1.Version != 1 || d2.Version != 2 || d1.SHA256 == d2.SHA256 {
			t.Errorf("versions %d %d", d1.Version, d2.Version)
		}
		b, err := s.ReadFile(d2.SHA256)
		if err != nil || string(b) != "v2 合成" {
			t.Errorf("read back %q %v", b, err)
		}
		if _, err := s.AddDocument(ctx, "nope", "decision", "", []byte("x"), "d"); err == nil {
			t.Error("document for a missing case accepted")
		}
		if r := s.Verify(ctx); !r.OK {
			t.Errorf("verify: %+v", r)
		}
	})
}

// Two stores on one database (two processes, or two nodes on PostgreSQL)
// append to one chain without forks or gaps.
func TestConcurrentWritersOneChain(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		s2, err := OpenURL(ctx, url, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			st := s
			if g%2 == 1 {
				st = s2
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 15; i++ {
					if _, err := st.PutAgency(ctx, Agency{Name: "合成机构"}, "writer"); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		r := s.Verify(ctx)
		if !r.OK || r.Entries != 60 || r.Records != 60 {
			t.Errorf("after concurrent writes: %+v", r)
		}
	})
}

func TestReadLogIsChained(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		if _, err := s.GetCase(WithoutReadLog(ctx), "demo-case-03", "quiet-reader"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.GetCase(ctx, "demo-case-03", "supervisor-2"); err != nil {
			t.Fatal(err)
		}
		log, _ := s.AccessLogFor(ctx, "demo-case-03")
		if len(log) != 1 || log[0].Actor != "supervisor-2" {
			t.Errorf("access log: %+v, want the one logged read", log)
		}
		es, err := s.AuditEntries(ctx, 0, 1<<40)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			if e.Entity == "access" {
				got = append(got, e.EntityID+" "+e.Actor+" "+e.Action)
			}
		}
		if strings.Join(got, ",") != "demo-case-03 supervisor-2 read" {
			t.Errorf("access entries in the chain: %v", got)
		}
		if r := s.Verify(ctx); !r.OK {
			t.Errorf("verify: %+v", r)
		}
		if who, err := s.CaseCreator(ctx, "demo-case-03"); err != nil || who != "demo-loader" {
			t.Errorf("creator %q, %v", who, err)
		}
		if who, err := s.CaseCreator(ctx, "nope"); err != nil || who != "" {
			t.Errorf("creator of no case %q, %v", who, err)
		}
	})
}
