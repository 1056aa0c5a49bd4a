package disclosure

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"zhifa/nlp"
	"zhifa/records"
)

// CategoryInspectionResult is the standing category of a published 双随机
// draw and its results (随机抽查结果, the 一公开 of 双随机、一公开).
const CategoryInspectionResult = "inspection_result"

// The draw and its results are read here as records objects, through the
// few fields the publication needs, rather than through package inspect:
// disclosure and inspect are both workflows and neither imports the other.
// The kinds and JSON names are inspect's (inspect.KindDraw, DrawRecord,
// InspectionResult); the tests run a real draw through inspect, so a
// renamed field fails them.
const (
	drawKind   = "inspect_draw"
	resultKind = "inspect_result"
	matterKind = "inspect_matter"
)

type drawObject struct {
	ID     string `json:"id"`
	Result struct {
		Plan        string `json:"plan"`
		Seed        string `json:"seed"`
		ListsSHA256 string `json:"lists_sha256"`
		Draws       []struct {
			Target     string   `json:"target"`
			Inspectors []string `json:"inspectors"`
		} `json:"draws"`
	} `json:"result"`
	Lists struct {
		Plan struct {
			ID       string `json:"id"`
			AgencyID string `json:"agency_id"`
			MatterID string `json:"matter_id"`
			Name     string `json:"name"`
		} `json:"plan"`
		Targets []struct {
			ID         string `json:"id"`
			Kind       string `json:"kind"`
			Name       string `json:"name"`
			CreditCode string `json:"credit_code"`
		} `json:"targets"`
		Inspectors []struct {
			ID          string `json:"id"`
			Name        string `json:"name"`
			Certificate string `json:"certificate"`
		} `json:"inspectors"`
	} `json:"lists"`
	Day string `json:"day"`
}

type resultObject struct {
	Target      string `json:"target"`
	OutcomeName string `json:"outcome_name"`
	Date        string `json:"date"`
}

type matterObject struct {
	Name  string `json:"name"`
	Basis string `json:"basis"`
}

// individualKind is inspect.TargetIndividual (个体工商户).
const individualKind = "individual"

// ResultReason is the reason a published draw's item is updated with when
// results were entered (or corrected) after it was published.
const ResultReason = "检查结果更新"

// DrawStandingID is the id of a draw's standing item.
func DrawStandingID(agencyID, drawID string) string {
	return standingID(agencyID, CategoryInspectionResult, drawID)
}

// PublishDraw publishes a recorded draw and the results entered so far as a
// standing item of its agency (category inspection_result): the plan, the
// draw date, the seed and lists_sha256 with how to re-run the draw, and one
// line per drawn target — name, credit code, inspectors (name and
// certificate number: officers are public) and result. A 个体工商户
// registered under a person's name has the name masked; nothing else of the
// targets (address), of the recusals or of the results' notes and cases is
// published. Publishing again after more results updates the item with the
// reason 检查结果更新; with nothing new it returns the item unchanged.
func PublishDraw(ctx context.Context, st *records.Store, drawID, actor string) (Standing, error) {
	var d drawObject
	if err := st.GetObject(ctx, drawKind, drawID, &d); err != nil {
		return Standing{}, err
	}
	objs, err := st.ListObjectsByKey(ctx, resultKind, drawID)
	if err != nil {
		return Standing{}, err
	}
	results := map[string]resultObject{}
	for _, o := range objs {
		var r resultObject
		if err := json.Unmarshal(o.Data, &r); err != nil {
			return Standing{}, fmt.Errorf("disclosure: %s %s: %w", resultKind, o.ID, err)
		}
		results[r.Target] = r
	}
	var m matterObject
	if id := d.Lists.Plan.MatterID; id != "" {
		if err := st.GetObject(ctx, matterKind, id, &m); err != nil && !isNotFound(err) {
			return Standing{}, err
		}
	}
	agency := d.Lists.Plan.AgencyID
	title := fmt.Sprintf("%s 随机抽查结果（%s 抽取）", d.Lists.Plan.Name, d.Day)
	body := drawBody(d, m, AgencyName(ctx, st, agency), results)
	id := DrawStandingID(agency, d.ID)
	old, err := GetStanding(ctx, st, id)
	switch {
	case isNotFound(err):
		return PublishStanding(ctx, st, actor, StandingInput{ID: id, AgencyID: agency, Category: CategoryInspectionResult,
			Title: title, Body: body, Reason: "依据抽查记录发布"})
	case err != nil:
		return old, err
	case old.Status == StatusPublished && old.Title == title && old.Body == body:
		return old, nil
	}
	return UpdateStanding(ctx, st, id, actor, StandingInput{Title: title, Body: body, Reason: ResultReason})
}

func drawBody(d drawObject, m matterObject, agencyName string, results map[string]resultObject) string {
	targets := map[string]int{}
	for i, t := range d.Lists.Targets {
		targets[t.ID] = i
	}
	inspectors := map[string]int{}
	for i, o := range d.Lists.Inspectors {
		inspectors[o.ID] = i
	}
	var b strings.Builder
	line := func(label, v string) {
		if v = strings.TrimSpace(v); v != "" {
			b.WriteString(label + "：" + v + "\n")
		}
	}
	line("抽查机关", agencyName)
	line("抽查计划", fmt.Sprintf("%s（编号 %s）", d.Lists.Plan.Name, d.Lists.Plan.ID))
	line("抽查事项", m.Name)
	line("抽查依据", m.Basis)
	line("抽取日期", d.Day)
	line("随机种子（seed）", d.Result.Seed)
	line("名单摘要（lists_sha256）", d.Result.ListsSHA256)
	line("复核方法", "抽取是种子与名单（抽查计划、检查对象名录、执法检查人员名录、上次抽取结果）的确定函数，任何人可复算："+
		"取得 SHA-256 与上列摘要一致的名单文件，运行 zhifa draw --lists 名单文件 --seed "+shellQuote(d.Result.Seed)+
		"；本机关可在记录库上运行 zhifa draw --plan "+shellQuote(d.Result.Plan)+" --seed "+shellQuote(d.Result.Seed)+
		"，结果应与下表的抽中对象和检查人员一致")
	entered := 0
	for _, a := range d.Result.Draws {
		if _, ok := results[a.Target]; ok {
			entered++
		}
	}
	fmt.Fprintf(&b, "抽中检查对象 %d 户，已录入检查结果 %d 户：\n", len(d.Result.Draws), entered)
	b.WriteString("检查对象 | 统一社会信用代码 | 检查人员（执法证号） | 检查结果 | 检查日期\n")
	draws := d.Result.Draws
	sort.SliceStable(draws, func(i, j int) bool { return draws[i].Target < draws[j].Target })
	for _, a := range draws {
		name, code := a.Target, a.Target
		if i, ok := targets[a.Target]; ok {
			t := d.Lists.Targets[i]
			name, code = publicTargetName(t.Kind, t.Name), t.CreditCode
		}
		var insp []string
		for _, id := range a.Inspectors {
			if i, ok := inspectors[id]; ok {
				o := d.Lists.Inspectors[i]
				insp = append(insp, fmt.Sprintf("%s（%s）", o.Name, o.Certificate))
			} else {
				insp = append(insp, id)
			}
		}
		outcome, date := "待录入", ""
		if r, ok := results[a.Target]; ok {
			outcome, date = r.OutcomeName, r.Date
		}
		cells := []string{name, code, strings.Join(insp, "、"), outcome, date}
		for i := range cells {
			cells[i] = cell(cells[i])
		}
		b.WriteString(strings.Join(cells, " | ") + "\n")
	}
	return strings.TrimSpace(b.String())
}

// publicTargetName is a target's name as published: a 个体工商户 registered
// under its operator's name (no 字号) has that name masked the way a
// decision's natural-person party is (张某某); any personal data in a name
// is masked too. Companies and 字号 stay as they are.
func publicTargetName(kind, name string) string {
	r := nlp.NewRedactor()
	if n := personName(name); kind == individualKind && n != "" {
		r.Know(n)
	}
	masked, _ := r.Redact(name)
	return masked
}

// cell keeps a table cell on its line and off the column separator.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "—"
	}
	return strings.ReplaceAll(s, "|", "｜")
}

var plainArg = regexp.MustCompile(`^[A-Za-z0-9_.,:/=+@%-]+$`)

// shellQuote writes s as one POSIX shell word.
func shellQuote(s string) string {
	if plainArg.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
