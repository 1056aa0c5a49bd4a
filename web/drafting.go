package web

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"zhifa/corpora"
	"zhifa/drafting"
	"zhifa/records"
	"zhifa/rules"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		// Registered before the records routes (file order): a body without "content" is a
		// request to draft; one with "content" goes on to the plain document upload.
		api.Post("/cases/:id/documents", s.documentDraft)
		api.Get("/cases/:id/documents/:doc/file", s.documentFile)
		api.Post("/cases/:id/documents/stream", s.documentStream)
	})
}

// DraftResult is the outcome of drafting a case document.
type DraftResult struct {
	DocumentID  string   `json:"document_id"`
	Kind        string   `json:"kind"`
	Number      string   `json:"number"`
	SHA256      string   `json:"sha256"`
	Size        int      `json:"size"`
	Version     int      `json:"version"`
	DownloadURL string   `json:"download_url"`
	Warnings    []string `json:"warnings"`
	Content     []byte   `json:"-"`
}

// DraftDocument fills kind for the case from the records, allocates its 文号 and stores the file
// (and so its hash in the audit chain). Shared by `zhifa draft` and the HTTP API.
func DraftDocument(ctx context.Context, st *records.Store, caseID, kind, actor string) (DraftResult, error) {
	return draftDocument(ctx, st, nil, caseID, kind, actor, nil)
}

// DraftDocumentWith is DraftDocument with the templates tpl (nil: the embedded ones).
func DraftDocumentWith(ctx context.Context, st *records.Store, tpl *drafting.Templates, caseID, kind, actor string) (DraftResult, error) {
	return draftDocument(ctx, st, tpl, caseID, kind, actor, nil)
}

// draftDocument is DraftDocumentWith with the LLM's narrative streamed to onDelta.
func draftDocument(ctx context.Context, st *records.Store, tpl *drafting.Templates, caseID, kind, actor string, onDelta func(string)) (DraftResult, error) {
	var r DraftResult
	c, err := st.GetCase(ctx, caseID, actor)
	if err != nil {
		return r, err
	}
	ag, err := st.GetAgency(ctx, c.AgencyID)
	if err != nil {
		return r, err
	}
	if c.Status == records.StatusArchived {
		// an archived file (归档) is closed: no document is drafted into it
		return r, &records.ConflictError{Code: "archived", Field: "case", Message: "the case is archived (归档); no document may be drafted"}
	}
	m := CaseModel(ctx, st, c, ag)
	// one number per document: a redraft keeps the number the document has, a
	// decision the number its record carries; only a new document takes the next one
	m.Number = ""
	if kind == "行政处罚决定书" && c.Decision != nil && c.Decision.Number != "" {
		m.Number = c.Decision.Number
	}
	if docs, err := st.ListDocuments(ctx, c.ID); err == nil && m.Number == "" {
		for _, d := range docs {
			if d.Kind == kind && d.Number != "" {
				m.Number = d.Number
			}
		}
	}
	if m.Number == "" {
		year := 2026
		if len(c.OpenedOn) >= 4 {
			_, _ = fmt.Sscanf(c.OpenedOn[:4], "%d", &year)
		}
		n, err := st.NextDocumentNumber(ctx, c.AgencyID, year, kind)
		if err != nil {
			return r, err
		}
		prefix := ag.Profile.DocumentPrefix
		if prefix == "" {
			prefix = ag.Profile.CaseNoPrefix
		}
		m.Number = fmt.Sprintf("%s%s〔%d〕%d号", prefix, drafting.KindCode(kind), year, n)
	}
	var llmWarn []string
	if l := draftLLM(); l != nil {
		rec := drafting.Record{Citations: []string{m.Violated, m.Basis}, Amounts: []float64{m.Fine, m.Confiscate}, Dates: []string{c.OpenedOn}}
		for _, v := range c.Amounts {
			rec.Amounts = append(rec.Amounts, v)
		}
		if c.Decision != nil {
			rec.Dates = append(rec.Dates, c.Decision.Date)
		}
		m, llmWarn = drafting.Narrate(ctx, l, corpora.Default(), m, rec, onDelta)
	}
	d, err := tpl.Fill(kind, m)
	if err != nil {
		return r, err
	}
	b, err := drafting.DOCX(d)
	if err != nil {
		return r, err
	}
	doc, err := st.AddDocument(ctx, c.ID, kind, m.Number, b, actor)
	if err != nil {
		return r, err
	}
	sum := sha256.Sum256(b)
	w := append(d.Warnings, llmWarn...)
	if w == nil {
		w = []string{}
	}
	return DraftResult{DocumentID: doc.ID, Kind: kind, Number: m.Number, SHA256: hex.EncodeToString(sum[:]), Size: len(b), Version: doc.Version,
		DownloadURL: "/api/v1/cases/" + url.PathEscape(c.ID) + "/documents/" + url.PathEscape(doc.ID) + "/file", Warnings: w, Content: b}, nil
}

// CaseModel fills the document model from the record; the date comes from the record so a
// regenerated document is the same.
func CaseModel(ctx context.Context, st *records.Store, c records.Case, ag records.Agency) drafting.Model {
	m := drafting.Model{
		Agency: drafting.AgencyProfile{Name: ag.Name, Seal: ag.Profile.SealText, Bank: ag.Profile.BankName, BankAccount: ag.Profile.BankAccount, ReviewBody: ag.Profile.ReviewBody, Court: ag.Profile.Court, Address: ag.Profile.Address},
		Case:   drafting.CaseInfo{ID: c.ID, CaseNo: c.CaseNo, Title: c.Title, FiledOn: c.OpenedOn},
		Facts:  c.Facts,
		Date:   chineseDate(c.OpenedOn),
	}
	if len(c.Parties) > 0 {
		p := c.Parties[0]
		id := p.IDNumber
		if p.Kind == records.PartyOrganization {
			id = p.CreditCode
		}
		m.Party = drafting.Party{Name: p.Name, Kind: p.Kind, IDNumber: id, Address: p.Address, Representative: p.LegalRep, Phone: p.Phone}
	}
	if pi, err := st.GetPowerItem(ctx, c.PowerItemID); err == nil {
		m.Violated = pi.LegalBasis
	}
	if ev, err := st.ListEvidence(ctx, c.ID); err == nil {
		for _, e := range ev {
			m.Evidence = append(m.Evidence, e.Title)
		}
	}
	if d := c.Decision; d != nil {
		m.Basis, m.Fine, m.Confiscate, m.Decision = d.PenaltyBasis, d.Fine, d.Confiscation, d.Summary
		if d.Date != "" {
			m.Date = chineseDate(d.Date)
		}
		if d.Number != "" {
			m.ServedDocument = "行政处罚决定书（" + d.Number + "）"
		}
		m.Discretion = discretionReasons(c, ag, d.PenaltyBasis, d.Date)
		// 违反了 the obligation the penalty provision sanctions (违法行为库), never the penalty provision itself
		if v, _ := rules.ViolatedBy(d.PenaltyBasis); v != "" {
			m.Violated = v
		} else if strings.TrimSpace(m.Violated) == strings.TrimSpace(d.PenaltyBasis) {
			m.Violated = "" // left marked as missing for the officer
		}
	}
	stepDetails(&m, c.Steps)
	return m
}

// stepDetails fills the legal review, hearing, collective discussion, execution and closing
// details from the latest step of each kind. What a step does not record stays empty, so the
// draft marks it 【缺：…】 and lists it in the warnings.
func stepDetails(m *drafting.Model, steps []records.Step) {
	if s, ok := records.LatestStep(steps, records.StepLegalReview); ok {
		var d records.LegalReviewData
		_ = json.Unmarshal(s.Data, &d) // checked when the step was appended
		m.Review, m.Reviewer = d.Opinion, d.Reviewer
		m.ReviewDate = chineseDate(cmp.Or(d.Date, s.Day()))
	}
	// free-form words a step may carry for the decision: 案件来源 at 立案, the
	// party's 陈述、申辩 and whether they were adopted at 告知 or 听证
	extra := func(s records.Step, key string) string {
		var d map[string]any
		_ = json.Unmarshal(s.Data, &d)
		v, _ := d[key].(string)
		return strings.TrimSpace(v)
	}
	if s, ok := records.LatestStep(steps, records.StepFiling); ok {
		m.CaseSource = extra(s, "source")
	}
	if s, ok := records.LatestStep(steps, records.StepNotice); ok {
		m.NoticeDate = chineseDate(s.Day())
		m.Statements, m.StatementsReply = extra(s, "statements"), extra(s, "statements_reply")
	}
	if s, ok := records.LatestStep(steps, records.StepHearing); ok {
		if st := extra(s, "statements"); st != "" {
			m.Statements = "当事人在听证中提出：" + strings.TrimSuffix(st, "。") + "。"
		}
		m.StatementsReply = cmp.Or(extra(s, "statements_reply"), m.StatementsReply)
		var d records.HearingData
		_ = json.Unmarshal(s.Data, &d)
		m.Hearing = chineseDate(cmp.Or(d.Date, s.Day()))
		if h, mi, ok := strings.Cut(d.Time, ":"); ok {
			m.Hearing += cmp.Or(strings.TrimLeft(h, "0"), "0") + "时"
			if mi = strings.TrimLeft(mi, "0"); mi != "" {
				m.Hearing += mi + "分"
			}
		}
		if d.Place != "" {
			m.Hearing += "，" + d.Place
		}
		m.HearingHost, m.HearingStatements = d.Host, d.Statements
		m.HearingNoticeDate = chineseDate(d.NotifiedOn)
	}
	if s, ok := records.LatestStep(steps, records.StepCollective); ok {
		var d records.CollectiveData
		_ = json.Unmarshal(s.Data, &d)
		m.DiscussionDate = chineseDate(cmp.Or(d.Date, s.Day()))
		m.Discussion = m.DiscussionDate
		if d.Place != "" {
			m.Discussion += "，" + d.Place
		}
		m.DiscussionParticipants = d.Participants
		m.DiscussionResult = cmp.Or(d.Conclusion, d.Note)
	}
	if s, ok := records.LatestStep(steps, records.StepExecution); ok {
		var d records.ExecutionData
		_ = json.Unmarshal(s.Data, &d)
		m.Execution = d.Note
	}
	if s, ok := records.LatestStep(steps, records.StepClosing); ok {
		m.ClosingDate = chineseDate(s.Day())
	}
}

// discretionReasons are the rule engine's reasons for the recorded decision:
// the 裁量理由 paragraph, replayable from the record.
func discretionReasons(c records.Case, ag records.Agency, basis, date string) string {
	if basis == "" {
		return ""
	}
	// Records may hold codes of their own; the engine takes only its own.
	alias := map[string]string{"illegal_income": "illegal_gains", "first_violation": "first_offense"}
	// a benchmark binds only the agencies of its region and sector: the record's agency says which
	in := rules.Input{PenaltyBasis: basis, Facts: c.Facts, Amounts: map[string]float64{}, DecisionDate: date, Agency: ag.Name, Region: ag.Region}
	for k, v := range c.Amounts {
		if a, ok := alias[k]; ok {
			k = a
		}
		if _, ok := rules.AmountKeys[k]; ok {
			in.Amounts[k] = v
		}
	}
	for _, code := range c.Circumstances {
		if a, ok := alias[code]; ok {
			code = a
		}
		if _, ok := rules.CircumstanceCodes[code]; ok {
			in.Circumstances = append(in.Circumstances, code)
		}
	}
	if len(c.Parties) > 0 {
		in.Party.Type = c.Parties[0].Kind
	}
	s, err := rules.Suggest(in)
	if err != nil {
		return "" // left marked as missing in the draft
	}
	return strings.Join(s.DecisionReasons(), "")
}

var (
	llmOnce sync.Once
	llm     *drafting.LLM
)

// draftLLM is the optional LLM (ZHIFA_LLM_BASE_URL), created once per process.
func draftLLM() *drafting.LLM {
	llmOnce.Do(func() { llm = drafting.LLMFromEnv() })
	return llm
}

func chineseDate(iso string) string {
	var y, mo, d int
	if _, err := fmt.Sscanf(iso, "%d-%d-%d", &y, &mo, &d); err != nil {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", y, mo, d)
}

func (s *Server) documentDraft(c *fiber.Ctx) error {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(c.Body(), &probe); err == nil {
		if _, ok := probe["content"]; ok {
			return c.Next()
		}
	}
	var r struct {
		Kind string `json:"kind"`
	}
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	found := false
	for _, k := range drafting.Kinds() {
		found = found || k == r.Kind
	}
	if !found {
		return unprocessable("kind", "%q is not a document kind; kinds: %s", r.Kind, strings.Join(drafting.Kinds(), ", "))
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	if err := caseExists(c.UserContext(), st, c.Params("id")); err != nil {
		return recErr(err)
	}
	res, err := DraftDocumentWith(c.UserContext(), st, s.templates(), c.Params("id"), r.Kind, actorOf(c))
	if err != nil {
		return recErr(err)
	}
	if strings.Contains(c.Get("Accept"), "wordprocessingml") {
		c.Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		c.Set("X-Document-Number", url.PathEscape(res.Number))
		return c.Status(fiber.StatusCreated).Send(res.Content)
	}
	return c.Status(fiber.StatusCreated).JSON(res)
}

func (s *Server) documentFile(c *fiber.Ctx) error {
	docID, err := url.PathUnescape(c.Params("doc"))
	if err != nil {
		return badRequest("doc", "bad escape: %v", err)
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	docs, err := st.ListDocuments(c.UserContext(), c.Params("id"))
	if err != nil {
		return recErr(err)
	}
	for _, d := range docs {
		if d.ID == docID {
			b, err := st.ReadFile(d.SHA256)
			if err != nil {
				return recErr(err)
			}
			c.Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
			return c.Send(b)
		}
	}
	return notFound("document %s", docID)
}

// documentStream drafts like documentDraft and streams Server-Sent Events: "delta" events with the
// LLM's narrative as it arrives (none without an LLM), then one "document" event with the result.
func (s *Server) documentStream(c *fiber.Ctx) error {
	var r struct {
		Kind string `json:"kind"`
	}
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	if !slices.Contains(drafting.Kinds(), r.Kind) {
		return unprocessable("kind", "%q is not a document kind; kinds: %s", r.Kind, strings.Join(drafting.Kinds(), ", "))
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	id, actor := c.Params("id"), actorOf(c)
	if err := caseExists(c.UserContext(), st, id); err != nil {
		return recErr(err)
	}
	c.Set("Content-Type", "text/event-stream")
	c.Set("Cache-Control", "no-cache")
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		send := func(event string, v any) {
			b, _ := json.Marshal(v)
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b)
			_ = w.Flush()
		}
		res, err := draftDocument(context.Background(), st, s.templates(), id, r.Kind, actor, func(d string) { send("delta", d) })
		if err != nil {
			send("error", map[string]string{"message": err.Error()})
			return
		}
		send("document", res)
	})
	return nil
}
