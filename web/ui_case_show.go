package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/drafting"
	"zhifa/records"
	"zhifa/review"
)

type stepView struct {
	records.Step
	Summary string
}

type caseShowView struct {
	page
	Case        records.Case
	Agency      records.Agency
	PowerItem   records.PowerItem
	Officers    []string
	Steps       []stepView
	Evidence    []records.Evidence
	Documents   []records.Document
	Preview     *docPreview
	Review      *review.Review
	Reviewers   []records.Officer
	Kinds       []string
	StepKinds   []option
	ReadOnly    bool
	Basis       string              // the penalty basis the case was opened on
	Now         string              // datetime-local default of the step form
	AccessLog   []records.AccessLog // newest first, at most accessLogShown
	AccessCount int
	Evaluation  *review.Evaluation
	EvalNote    string
	Form        map[string]string // values of a form shown again after an error
}

// caseShow is GET /ui/cases/:id (?doc= previews a document).
func (s *Server) caseShow(c *fiber.Ctx) error {
	u, err := needRole(c, "officer", "supervisor", "reviewer")
	if u == nil {
		return err
	}
	return s.renderCase(c, u, newPage(c, u, "案件", "cases"), http.StatusOK, nil)
}

// renderCase shows the case page; a form that failed comes back with its
// values and p's errors.
func (s *Server) renderCase(c *fiber.Ctx, u *PageUser, p page, status int, form map[string]string) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	id := c.Params("id")
	k, err := st.GetCase(ctx, id, u.Name) // scope and access log: enforceScope (scope.go)
	if err != nil {
		return pageError(c, u, err)
	}
	ag, err := st.GetAgency(ctx, k.AgencyID)
	if err != nil {
		return err
	}
	sc, err := s.requestScope(c)
	if err != nil {
		return err
	}
	if ok, err := sc.canRead(ctx, k.ID, k.AgencyID); err != nil {
		return err
	} else if !ok { // enforceScope answers first; kept beside the read
		return pageError(c, u, &records.NotFoundError{What: "case", ID: id})
	}
	v := caseShowView{page: p, Case: k, Agency: ag, Kinds: drafting.Kinds(), ReadOnly: !hasRole(u, "officer") || !sc.canWrite(k.AgencyID),
		Now: time.Now().In(cst).Format("2006-01-02T15:04"), Form: form}
	v.Title = k.CaseNo + " " + k.Title
	v.PowerItem, _ = st.GetPowerItem(ctx, k.PowerItemID)
	officers, err := st.ListOfficers(ctx, k.AgencyID)
	if err != nil {
		return err
	}
	for _, o := range officers {
		if contains(k.OfficerIDs, o.ID) {
			v.Officers = append(v.Officers, o.Name+"（"+o.Certificate.Number+"）")
		} else if o.Reviewer {
			v.Reviewers = append(v.Reviewers, o)
		}
	}
	for _, sp := range k.Steps {
		v.Steps = append(v.Steps, stepView{Step: sp, Summary: stepSummary(sp.Data)})
		if sp.Kind == records.StepFiling {
			v.Basis = dataString(sp.Data, "penalty_basis")
		}
	}
	for _, kind := range records.StepKinds {
		v.StepKinds = append(v.StepKinds, option{kind, records.StepNames[kind]})
	}
	if v.Evidence, err = st.ListEvidence(ctx, k.ID); err != nil {
		return err
	}
	if v.Documents, err = st.ListDocuments(ctx, k.ID); err != nil {
		return err
	}
	if d := c.Query("doc"); d != "" {
		v.Preview = previewDocument(st, v.Documents, d)
	}
	if rv, err := review.Get(ctx, st, "rv-"+k.ID); err == nil {
		v.Review = &rv
	} else if !errors.As(err, new(*records.NotFoundError)) {
		return err
	}
	if hasRole(u, "supervisor") {
		if v.AccessLog, err = st.AccessLogFor(ctx, k.ID); err != nil {
			return err
		}
		v.AccessCount = len(v.AccessLog)
		slices.Reverse(v.AccessLog) // the latest reads first: they are what a supervisor checks
		v.AccessLog = v.AccessLog[:min(len(v.AccessLog), accessLogShown)]
		s.evaluate(ctx, st, u, &v)
	}
	return render(c, status, "case_show", v)
}

// evaluate scores a decided case file (案卷评查) for the supervisor.
func (s *Server) evaluate(ctx context.Context, st *records.Store, u *PageUser, v *caseShowView) {
	if v.Case.Decision == nil {
		v.EvalNote = "案件尚未作出决定，评查在决定后进行。"
		return
	}
	ev, err := review.EvaluateCase(ctx, st, v.Case.ID, u.Name, review.DefaultStandard())
	if err != nil {
		v.EvalNote = "评查未能完成：" + err.Error()
		return
	}
	v.Evaluation = &ev
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

var dataKeyCN = map[string]string{"source": "案件来源", "penalty_basis": "处罚依据", "act_date": "违法行为发生日", "period_end": "陈述申辩期限至", "content": "内容",
	"fine": "罚款", "confiscation": "没收违法所得", "date": "日期", "number": "文号", "summary": "决定内容", "opinion": "审核意见", "reviewer": "审核人员",
	"note": "说明", "place": "地点", "host": "主持人", "statements": "陈述申辩", "statements_reply": "采纳情况", "participants": "参加人员", "conclusion": "结论", "time": "时间", "notified_on": "通知日", "requested_on": "申请听证日", "discovered_on": "发现线索日", "violation_on": "违法行为日"}

// stepSummary is a step's data in words: 处罚依据：…；罚款：…
func stepSummary(raw json.RawMessage) string {
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil || len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		val := m[k]
		var s string
		switch x := val.(type) {
		case string:
			s = x
		case float64:
			if k == "fine" || k == "confiscation" {
				s = money(x)
			} else {
				s = fmt.Sprint(x)
			}
		case []any:
			var xs []string
			for _, e := range x {
				xs = append(xs, fmt.Sprint(e))
			}
			s = strings.Join(xs, "、")
		default:
			s = fmt.Sprint(x)
		}
		if s == "" {
			continue
		}
		name := dataKeyCN[k]
		if name == "" {
			name = k
		}
		parts = append(parts, name+"："+s)
	}
	return strings.Join(parts, "；")
}

func dataString(raw json.RawMessage, key string) string {
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	s, _ := m[key].(string)
	return s
}

// accessLogShown is how many access-log entries the case page lists.
const accessLogShown = 50
