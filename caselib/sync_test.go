package caselib

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhifa/nlp"
	"zhifa/records"
	"zhifa/search"
)

// The synthetic demo bureau's decided cases join the library, masked, once.
func TestSyncFromRecordsDemo(t *testing.T) {
	t.Setenv("ZHIFA_CASELIB_DATABASE_URL", "")
	t.Setenv("ZHIFA_DATABASE_URL", "")
	ctx := context.Background()
	dir := t.TempDir()
	st, err := records.OpenURL(ctx, "sqlite:"+filepath.Join(dir, "zhifa.db"), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := records.LoadDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	decided, err := st.ListDecidedCases(ctx, time.Time{})
	if err != nil || len(decided) == 0 {
		t.Fatalf("demo has no decided cases: %v", err)
	}
	lib, err := OpenWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	res, err := SyncFromRecords(ctx, lib, st)
	if err != nil || res.Added != len(decided) || res.Updated != 0 {
		t.Fatalf("first sync: %+v %v (decided %d)", res, err, len(decided))
	}
	again, err := SyncFromRecords(ctx, lib, st)
	if err != nil || again.Added != 0 || again.Updated != 0 || again.Unchanged != len(decided) {
		t.Fatalf("second sync is not idempotent: %+v %v", again, err)
	}
	c, err := lib.Case(ctx, "rec-demo-case-04")
	if err != nil {
		t.Fatal(err)
	}
	if c.Collection != RecordsCollection || !c.Masked || c.Fine == nil || *c.Fine != 50000 || c.Agency == "" || c.Date == "" ||
		!strings.Contains(c.PenaltyBasis, "第一百二十二条") || !strings.Contains(c.Text, "处罚决定：") {
		t.Fatalf("synced case: %+v", c)
	}
	if m, _ := nlp.Redact(c.Text); m != c.Text {
		t.Errorf("text not masked: %s", c.Text)
	}
	// a case a trainer curated keeps its curation when the record changes and
	// the sync really rewrites it
	if _, err := lib.AddTags(ctx, "rec-demo-case-04", "无证经营"); err != nil {
		t.Fatal(err)
	}
	edited := editedSource{st, func(c *records.Case) { c.Facts += "（补正：合成数据）" }}
	upd, err := SyncFromRecords(ctx, lib, edited, "demo-case-04")
	if err != nil || upd.Updated != 1 {
		t.Fatalf("edited record not rewritten: %+v %v", upd, err)
	}
	if c, _ := lib.Case(ctx, "rec-demo-case-04"); len(c.Tags) != 1 || c.Collection != RecordsCollection || !strings.Contains(c.Text, "补正") {
		t.Fatalf("tags or place lost on sync, or text not rewritten: %+v", c)
	}
	// the ranking finds it
	full, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	hits := full.Ranker(RecordsCollection).Rank("未取得食品经营许可证经营小吃店", searchQuery(3))
	if len(hits) == 0 || hits[0].ID != "rec-demo-case-04" {
		t.Fatalf("ranking: %+v", hits)
	}
}

func searchQuery(top int) search.CaseQuery { return search.CaseQuery{Top: top} }

// Personal data in the facts is masked (synthetic).
func TestFromRecordMasks(t *testing.T) {
	rc := records.Case{ID: "x1", Title: "张三无证经营案", Parties: []records.Party{{Kind: records.PartyPerson, Name: "张三"}}, Facts: "当事人张三，身份证号110101199003071234，手机13812345678，无证经营。",
		Decision: &records.Decision{PenaltyBasis: "《食品安全法》第一百二十二条", Fine: 10000, Date: "2026-05-01"}}
	c := fromRecord(rc, "示例局")
	for _, leak := range []string{"张三", "110101199003071234", "13812345678"} {
		if strings.Contains(c.Text+c.Title, leak) {
			t.Errorf("%q not masked: %s / %s", leak, c.Title, c.Text)
		}
	}
	if c.ID != "rec-x1" || c.Outcome != "罚款10000元" || !c.Masked {
		t.Errorf("case: %+v", c)
	}
}

// editedSource is a record source whose cases are changed on the way out.
type editedSource struct {
	RecordSource
	edit func(*records.Case)
}

func (e editedSource) ListDecidedCases(ctx context.Context, since time.Time) ([]records.Case, error) {
	cs, err := e.RecordSource.ListDecidedCases(ctx, since)
	for i := range cs {
		e.edit(&cs[i])
	}
	return cs, err
}
