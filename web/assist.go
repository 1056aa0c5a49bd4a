package web

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
	"zhifa/rules"
	"zhifa/search"
)

// assistRequest optionally overrides what the stored case does not say yet.
type assistRequest struct {
	PenaltyBasis string `json:"penalty_basis"` // else the decision's, else the power item's legal basis
	DecisionDate string `json:"decision_date"`
	Top          int    `json:"top"` // similar cases and norms; 0 = the default
}

// assistAnswer is the whole assistance for one stored case in one answer.
type assistAnswer struct {
	CaseID      string                `json:"case_id"`
	Input       rules.Input           `json:"input"` // the rules' view of the case, replayable through /suggest
	Suggestion  *rules.Suggestion     `json:"suggestion"`
	SuggestErr  *APIError             `json:"suggestion_error,omitempty"`
	Transfer    *rules.TransferResult `json:"transfer"`
	TransferErr *APIError             `json:"transfer_error,omitempty"`
	Norms       any                   `json:"norms"`
	Similar     any                   `json:"similar"`
	Disputes    []rules.DisputePoint  `json:"disputes"`
	// Ignored names what the record holds that the rules do not know (a
	// circumstance code of the agency's own): left out of input, never guessed.
	Ignored []string `json:"ignored,omitempty"`
}

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Post("/cases/:id/assist", s.caseAssist)
	})
}

// caseInput is the rules' view of a stored case: the record's vocabulary is
// the rules' input as it is (aliases are resolved by the rules).
func caseInput(c records.Case, ag records.Agency, basis string) rules.Input {
	in := rules.Input{PenaltyBasis: basis, Facts: c.Facts, Amounts: map[string]float64{}, DiscoveryDate: c.OpenedOn, Agency: ag.Name, Region: ag.Region}
	for k, v := range c.Amounts {
		in.Amounts[k] = v
	}
	for _, code := range c.Circumstances {
		if a, ok := rules.CircumstanceAliases[code]; ok {
			code = a
		}
		if _, ok := rules.CircumstanceCodes[code]; ok {
			in.Circumstances = append(in.Circumstances, code)
		}
	}
	if len(c.Parties) > 0 {
		in.Party.Kind = c.Parties[0].Kind
	}
	return in
}

// caseAssist answers POST /api/v1/cases/{id}/assist: suggestion, transfer
// check, pushed norms, similar cases and dispute points for a stored case.
func (s *Server) caseAssist(c *fiber.Ctx) error {
	var req assistRequest
	if len(strings.TrimSpace(string(c.Body()))) > 0 {
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
	}
	if req.Top < 0 || req.Top > search.MaxTop {
		return unprocessable("top", "top must be between 0 and %d", search.MaxTop)
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	k, err := st.GetCase(ctx, c.Params("id"), actorOf(c))
	if err != nil {
		return recErr(err)
	}
	ans, err := s.assist(ctx, st, k, req)
	if err != nil {
		return err
	}
	return c.JSON(ans)
}

func (s *Server) assist(ctx context.Context, st *records.Store, k records.Case, req assistRequest) (assistAnswer, error) {
	ag, _ := st.GetAgency(ctx, k.AgencyID)
	basis := req.PenaltyBasis
	if basis == "" && k.Decision != nil {
		basis = k.Decision.PenaltyBasis
	}
	if basis == "" {
		if p, err := st.GetPowerItem(ctx, k.PowerItemID); err == nil {
			basis = p.LegalBasis
		}
	}
	in := caseInput(k, ag, basis)
	in.DecisionDate = req.DecisionDate
	ans := assistAnswer{CaseID: k.ID, Input: in}
	for i, code := range k.Circumstances {
		_, known := rules.CircumstanceCodes[code]
		if _, alias := rules.CircumstanceAliases[code]; !known && !alias {
			ans.Ignored = append(ans.Ignored, fmt.Sprintf("circumstances[%d]: %q is not a circumstance code of the rules", i, code))
		}
	}
	fieldErr := func(err error) *APIError {
		var fe *rules.FieldError
		if errors.As(err, &fe) {
			return &APIError{Code: "rejected", Field: fe.Field, Message: fe.Message}
		}
		return &APIError{Code: "rejected", Message: err.Error()}
	}
	if sg, err := rules.Suggest(in); err != nil {
		ans.SuggestErr = fieldErr(err)
	} else {
		ans.Suggestion = &sg
	}
	if tr, err := rules.Transfer(in); err != nil {
		ans.TransferErr = fieldErr(err)
	} else {
		ans.Transfer = &tr
	}
	var fine float64
	if k.Decision != nil {
		fine = k.Decision.Fine
	}
	dc := rules.DisputeCase{Facts: k.Facts, Amounts: k.Amounts, PenaltyBasis: basis, DecisionDate: req.DecisionDate, DiscoveredDate: k.OpenedOn, Fine: fine}
	if len(k.Parties) > 0 {
		dc.PartyKind = k.Parties[0].Kind
	}
	for _, step := range k.Steps {
		dc.Steps = append(dc.Steps, step.Kind)
	}
	ans.Disputes = rules.DisputePoints(dc, 0)
	_, rk, err := s.caseLibrary()
	if err != nil {
		return ans, err
	}
	if strings.TrimSpace(k.Facts) != "" {
		if ans.Similar, err = rk.RankContext(ctx, k.Facts, search.CaseQuery{Top: req.Top}); err != nil {
			return ans, err
		}
		ix, err := s.lawIndex()
		if err != nil {
			return ans, err
		}
		norms, err := search.PushNorms(ix, search.NormQuery{Ctx: ctx, Facts: k.Facts, Top: req.Top, Fine: fine, Cases: rk, Benchmarks: NormBenchmarks, Obligations: NormObligations})
		if err != nil {
			return ans, err
		}
		ans.Norms = norms
	}
	return ans, nil
}

// AssistOptions are what the caller adds to a stored case for Assist.
type AssistOptions struct {
	PenaltyBasis string
	DecisionDate string
	Top          int
}

// Assist is POST /api/v1/cases/{id}/assist for the command line: the same
// answer, read by actor (whose read is logged like any other).
func (s *Server) Assist(ctx context.Context, caseID, actor string, o AssistOptions) (any, error) {
	if o.Top < 0 || o.Top > search.MaxTop {
		return nil, unprocessable("top", "top must be between 0 and %d", search.MaxTop)
	}
	st, err := s.Records()
	if err != nil {
		return nil, err
	}
	k, err := st.GetCase(ctx, caseID, actor)
	if err != nil {
		return nil, recErr(err)
	}
	return s.assist(ctx, st, k, assistRequest(o))
}
