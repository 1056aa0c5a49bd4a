package disclosure

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"zhifa/records"
	"zhifa/rules"
)

// StandingKind is the object kind of standing information (事前公开).
const StandingKind = "standing"

// Categories of standing information the plans list for 事前公开.
var Categories = map[string]string{
	"agency":          "执法主体",
	"officer":         "执法人员",
	"power_list":      "权责清单",
	"service_guide":   "服务指南",
	"flowchart":       "执法流程图",
	"inspection_list": "随机抽查事项清单",
	"benchmark":       "行政裁量基准",
	"review_catalog":  "重大执法决定法制审核目录清单",
	"remedy":          "救济渠道",
	// 双随机抽查 draws and their results (PublishDraw), published after the fact
	CategoryInspectionResult: "随机抽查结果",
}

// Standing is one item of standing information with its history (动态调整).
type Standing struct {
	ID          string   `json:"id"`
	AgencyID    string   `json:"agency_id"`
	Category    string   `json:"category"`
	Title       string   `json:"title"`
	Body        string   `json:"body"`
	Status      string   `json:"status"` // published | withdrawn
	PublishedOn string   `json:"published_on"`
	UpdatedOn   string   `json:"updated_on"`
	History     []Change `json:"history"`
}

// Change is one step of a standing item's history.
type Change struct {
	Action string    `json:"action"` // published | updated | withdrawn
	Title  string    `json:"title"`
	Body   string    `json:"body,omitempty"`
	Reason string    `json:"reason,omitempty"`
	Actor  string    `json:"actor"`
	At     time.Time `json:"at"`
}

// StandingInput publishes or updates an item.
type StandingInput struct {
	ID       string `json:"id"`
	AgencyID string `json:"agency_id"`
	Category string `json:"category"`
	Title    string `json:"title"`
	Body     string `json:"body"`
	Reason   string `json:"reason"` // required for an update or a withdrawal
}

func standingID(agency, category, title string) string {
	h := sha256.Sum256([]byte(agency + "\x00" + category + "\x00" + title))
	return "std-" + hex.EncodeToString(h[:6])
}

// PublishStanding publishes a new item; an existing id is refused (409).
func PublishStanding(ctx context.Context, st *records.Store, actor string, in StandingInput) (Standing, error) {
	in.Title, in.Body = strings.TrimSpace(in.Title), strings.TrimSpace(in.Body)
	if _, ok := Categories[in.Category]; !ok {
		return Standing{}, fieldErr("category", "%q is not one of %s", in.Category, strings.Join(categoryKeys(), ", "))
	}
	if in.Title == "" {
		return Standing{}, fieldErr("title", "required")
	}
	if in.Body == "" {
		return Standing{}, fieldErr("body", "required")
	}
	if in.AgencyID == "" {
		return Standing{}, fieldErr("agency_id", "required")
	}
	if _, err := st.GetAgency(ctx, in.AgencyID); err != nil {
		return Standing{}, fieldErr("agency_id", "%s", err.Error())
	}
	if in.ID == "" {
		in.ID = standingID(in.AgencyID, in.Category, in.Title)
	}
	var old Standing
	if err := st.GetObject(ctx, StandingKind, in.ID, &old); err == nil {
		return old, conflict("id", "standing item %s exists: update it with a reason", in.ID)
	} else if !isNotFound(err) {
		return old, err
	}
	t := today()
	s := Standing{ID: in.ID, AgencyID: in.AgencyID, Category: in.Category, Title: in.Title, Body: in.Body,
		Status: StatusPublished, PublishedOn: t, UpdatedOn: t,
		History: []Change{{Action: "published", Title: in.Title, Body: in.Body, Reason: strings.TrimSpace(in.Reason), Actor: actor, At: now().UTC()}}}
	return s, putStanding(ctx, st, actor, "publish", s)
}

// UpdateStanding replaces an item's text, keeping the old one and the reason.
func UpdateStanding(ctx context.Context, st *records.Store, id, actor string, in StandingInput) (Standing, error) {
	s, err := GetStanding(ctx, st, id)
	if err != nil {
		return s, err
	}
	if s.Status != StatusPublished {
		return s, conflict("status", "standing item %s is %s", id, s.Status)
	}
	if strings.TrimSpace(in.Reason) == "" {
		return s, fieldErr("reason", "required: why the published item changes")
	}
	if t := strings.TrimSpace(in.Title); t != "" {
		s.Title = t
	}
	if b := strings.TrimSpace(in.Body); b != "" {
		s.Body = b
	}
	s.UpdatedOn = today()
	s.History = append(s.History, Change{Action: "updated", Title: s.Title, Body: s.Body, Reason: strings.TrimSpace(in.Reason), Actor: actor, At: now().UTC()})
	return s, putStanding(ctx, st, actor, "update", s)
}

// WithdrawStanding takes an item down with its reason.
func WithdrawStanding(ctx context.Context, st *records.Store, id, actor, reason string) (Standing, error) {
	s, err := GetStanding(ctx, st, id)
	if err != nil {
		return s, err
	}
	if s.Status != StatusPublished {
		return s, conflict("status", "standing item %s is %s", id, s.Status)
	}
	if strings.TrimSpace(reason) == "" {
		return s, fieldErr("reason", "required: the reason is shown in place of the item")
	}
	s.Status, s.UpdatedOn = StatusWithdrawn, today()
	s.History = append(s.History, Change{Action: "withdrawn", Title: s.Title, Reason: strings.TrimSpace(reason), Actor: actor, At: now().UTC()})
	return s, putStanding(ctx, st, actor, "withdraw", s)
}

// GetStanding reads one item.
func GetStanding(ctx context.Context, st *records.Store, id string) (Standing, error) {
	var s Standing
	return s, st.GetObject(ctx, StandingKind, id, &s)
}

// ListStanding lists items, of one agency and category when given.
func ListStanding(ctx context.Context, st *records.Store, agencyID, category string) ([]Standing, error) {
	var objs []records.Object
	var err error
	if agencyID != "" {
		objs, err = st.ListObjectsByKey(ctx, StandingKind, agencyID)
	} else {
		objs, err = st.ListObjects(ctx, StandingKind, "")
	}
	if err != nil {
		return nil, err
	}
	out := make([]Standing, 0, len(objs))
	for _, o := range objs {
		var s Standing
		if err := json.Unmarshal(o.Data, &s); err != nil {
			return nil, fmt.Errorf("standing %s: %w", o.ID, err)
		}
		if category == "" || s.Category == category {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category < out[j].Category
		}
		return out[i].Title < out[j].Title
	})
	return out, nil
}

func putStanding(ctx context.Context, st *records.Store, actor, action string, s Standing) error {
	return st.PutObjects(ctx, actor, records.ObjectWrite{Kind: StandingKind, ID: s.ID, Key: s.AgencyID, Action: action, Value: s})
}

func categoryKeys() []string {
	ks := make([]string, 0, len(Categories))
	for k := range Categories {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// SyncStanding publishes (or updates, with the reason 记录更新) the standing
// items kept in the records: each agency, its officers (name, unit,
// certificate number, categories, region — nothing else of them), its power
// list, its 随机抽查事项清单 and its remedies (救济渠道, from the agency's
// 复议机关 and court, with the statutory periods); extra items come from
// workflows this package does not read (the review catalog). It returns how
// many items were written.
func SyncStanding(ctx context.Context, st *records.Store, actor string, extra ...StandingInput) (int, error) {
	ags, err := st.ListAgencies(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	write := func(agency, category, title, body string) error {
		id := standingID(agency, category, title)
		old, err := GetStanding(ctx, st, id)
		switch {
		case isNotFound(err):
			_, err = PublishStanding(ctx, st, actor, StandingInput{ID: id, AgencyID: agency, Category: category, Title: title, Body: body, Reason: "依据执法记录发布"})
		case err != nil:
			return err
		case old.Status == StatusPublished && old.Body != body:
			_, err = UpdateStanding(ctx, st, id, actor, StandingInput{Body: body, Reason: "记录更新"})
		default:
			return nil
		}
		if err == nil {
			n++
		}
		return err
	}
	for _, a := range ags {
		body := fmt.Sprintf("名称：%s\n层级：%s\n区域：%s\n职责领域：%s", a.Name, a.Level, a.Region, strings.Join(a.Domains, "、"))
		if a.Profile.Address != "" {
			body += "\n地址：" + a.Profile.Address
		}
		if a.Profile.Phone != "" {
			body += "\n联系电话：" + a.Profile.Phone
		}
		if err := write(a.ID, "agency", a.Name, body); err != nil {
			return n, err
		}
		ofs, err := st.ListOfficers(ctx, a.ID)
		if err != nil {
			return n, err
		}
		if len(ofs) > 0 {
			var b strings.Builder
			b.WriteString("姓名 | 执法单位 | 执法证号 | 执法类别 | 执法区域\n")
			for _, o := range ofs {
				fmt.Fprintf(&b, "%s | %s | %s | %s | %s\n", o.Name, a.Name, o.Certificate.Number, strings.Join(o.Certificate.Categories, "、"), o.Certificate.Region)
			}
			if err := write(a.ID, "officer", a.Name+"执法人员", strings.TrimSpace(b.String())); err != nil {
				return n, err
			}
		}
		ps, err := st.ListPowerItems(ctx, a.ID)
		if err != nil {
			return n, err
		}
		if len(ps) > 0 {
			var b strings.Builder
			b.WriteString("编码 | 事项名称 | 类别 | 依据\n")
			for _, p := range ps {
				fmt.Fprintf(&b, "%s | %s | %s | %s\n", p.Code, p.Name, kindNames[p.Kind], p.LegalBasis)
			}
			if err := write(a.ID, "power_list", a.Name+"权责清单", strings.TrimSpace(b.String())); err != nil {
				return n, err
			}
		}
		if fs, err := rules.BindingBenchmarks(a.Region, a.Name, a.Domains, now().In(cst)); err != nil {
			return n, err
		} else if len(fs) > 0 {
			var b strings.Builder
			b.WriteString("基准名称 | 文号 | 施行日期 | 适用范围 | 条目数\n")
			for _, f := range fs {
				scope := ""
				if f.Scope != nil {
					scope = f.Scope.Region + f.Scope.Sector
				}
				fmt.Fprintf(&b, "%s | %s | %s | %s | %d\n", f.Name, f.Document, f.ValidFrom, scope, len(f.Entries))
			}
			if err := write(a.ID, "benchmark", a.Name+"适用的行政裁量基准", strings.TrimSpace(b.String())); err != nil {
				return n, err
			}
		}
		if body := inspectionList(ctx, st, a.ID); body != "" {
			if err := write(a.ID, "inspection_list", a.Name+"随机抽查事项清单", body); err != nil {
				return n, err
			}
		}
		if body, err := remedies(a); err != nil {
			return n, err
		} else if body != "" {
			if err := write(a.ID, "remedy", a.Name+"救济渠道", body); err != nil {
				return n, err
			}
		}
	}
	for _, x := range extra {
		if err := write(x.AgencyID, x.Category, x.Title, x.Body); err != nil {
			return n, err
		}
	}
	return n, nil
}

// inspectionList is the agency's 随机抽查事项清单 as a table ("" when none).
func inspectionList(ctx context.Context, st *records.Store, agencyID string) string {
	objs, err := st.ListObjectsByKey(ctx, "inspect_matter", agencyID)
	if err != nil || len(objs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("抽查事项 | 抽查依据 | 抽查主体 | 抽查对象 | 抽查比例 | 抽查频次 | 抽查方式 | 抽查内容\n")
	for _, o := range objs {
		var m struct {
			Name, Basis, Subject, Object, Frequency, Method, Content string
			Ratio                                                    float64
		}
		if json.Unmarshal(o.Data, &m) != nil {
			continue
		}
		fmt.Fprintf(&b, "%s | %s | %s | %s | %g%% | %s | %s | %s\n", m.Name, m.Basis, m.Subject, m.Object, m.Ratio*100, m.Frequency, m.Method, m.Content)
	}
	return strings.TrimSpace(b.String())
}

// remedies is how a party challenges the agency's decisions, with the
// periods of 行政复议法 and 行政诉讼法; "" when the agency has recorded
// neither its 复议机关 nor its court, since neither can then be named.
func remedies(a records.Agency) (string, error) {
	ds, err := rules.Deadlines()
	if err != nil {
		return "", err
	}
	var lines []string
	if rb := a.Profile.ReviewBody; rb != "" {
		d := ds["reconsideration_period"]
		lines = append(lines, fmt.Sprintf("行政复议：对本机关作出的行政行为不服的，可以自知道或者应当知道该行政行为之日起%s内向%s申请行政复议（%s）。", d.Figure, rb, d.Citation))
	}
	if ct := a.Profile.Court; ct != "" {
		d := ds["litigation_period"]
		lines = append(lines, fmt.Sprintf("行政诉讼：也可以自知道或者应当知道作出行政行为之日起%s内向%s提起行政诉讼（%s）。", d.Figure, ct, d.Citation))
	}
	return strings.Join(lines, "\n"), nil
}
