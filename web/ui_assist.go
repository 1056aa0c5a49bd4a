package web

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/gofiber/fiber/v2"

	"zhifa/nlp"
	"zhifa/records"
	"zhifa/rules"
	"zhifa/search"
)

// The assistance panel beside the case form: what the rules, the law index
// and the case library say about the facts as typed. The law index takes
// half a minute to build the first time, so it is opened in the background
// and the panel says it is waiting instead of hanging.

type assistWarm struct {
	once     sync.Once
	laws     atomic.Bool
	lawsErr  atomic.Value // error
	cases    atomic.Bool
	casesErr atomic.Value
}

var assistWarms sync.Map // *Server → *assistWarm

// warmAssist opens the law index and the case library in the background, once.
func (s *Server) warmAssist() *assistWarm {
	v, _ := assistWarms.LoadOrStore(s, &assistWarm{})
	w := v.(*assistWarm)
	w.once.Do(func() {
		done := make(chan struct{})
		// Close waits: the indexes are built in the data directory
		s.OnClose(func() error { <-done; assistWarms.Delete(s); return nil })
		go func() {
			defer close(done)
			if _, _, err := s.caseLibrary(); err != nil {
				w.casesErr.Store(err)
			}
			w.cases.Store(true)
			if _, err := s.lawIndex(); err != nil {
				w.lawsErr.Store(err)
			}
			w.laws.Store(true)
		}()
	})
	return w
}

type similarCase struct {
	search.CaseHit
	Fine  *float64
	Basis string
	Date  string
}

type assistView struct {
	page
	Waiting      []string // what is still loading
	CodeError    string   // the party's ID / credit code, checked as typed
	Suggestion   *rules.Suggestion
	SuggestError string
	Transfer     *rules.TransferResult
	Norms        []search.Norm
	NormsError   string
	Similar      []similarCase
	Disputes     []rules.DisputePoint
}

// assist is POST /ui/assist: the panel for the form's current fields.
func (s *Server) assistPanel(c *fiber.Ctx) error {
	u, err := needRole(c, "officer")
	if u == nil {
		return err
	}
	f := parseCaseForm(c, nil)
	if u.AgencyID != "" {
		f.AgencyID = u.AgencyID
	}
	v := assistView{page: newPage(c, u, "", "")}
	if code := f.Party.IDNumber + f.Party.CreditCode; code != "" {
		if f.Party.Kind == records.PartyOrganization {
			err = nlp.ValidateCreditCode(code)
		} else {
			err = nlp.ValidateIDNumber(code)
		}
		if err != nil {
			v.CodeError = err.Error()
		}
	}
	if f.Facts == "" {
		return renderPart(c, "assist", v)
	}
	var ag records.Agency
	if st, err := s.Records(); err == nil && f.AgencyID != "" {
		ag, _ = st.GetAgency(c.UserContext(), f.AgencyID)
	}
	in := f.ruleInput(ag)
	fine := 0.0
	if f.PenaltyBasis != "" {
		sg, err := rules.Suggest(in)
		var fe *rules.FieldError
		switch {
		case errors.As(err, &fe):
			v.SuggestError = fe.Field + "：" + fe.Message
		case err != nil:
			return err
		default:
			v.Suggestion, fine = &sg, sg.Suggested.Fine
		}
	}
	if tr, err := rules.Transfer(in); err == nil {
		v.Transfer = &tr
	}
	v.Disputes = rules.DisputePoints(rules.DisputeCase{Facts: f.Facts, Amounts: in.Amounts, PenaltyBasis: f.PenaltyBasis, ActDate: f.ActDate, Fine: fine, PartyKind: f.Party.Kind}, 0)

	w := s.warmAssist()
	if !w.cases.Load() {
		v.Waiting = append(v.Waiting, "案例库")
		return renderPart(c, "assist", v)
	}
	lib, rk, err := s.caseLibrary()
	if err != nil {
		return err
	}
	for _, h := range rk.Rank(f.Facts, search.CaseQuery{Top: 5}) {
		sc := similarCase{CaseHit: h}
		if lc := lib.Get(h.ID); lc != nil {
			sc.Fine, sc.Basis, sc.Date = lc.Fine, lc.PenaltyBasis, lc.Date
		}
		v.Similar = append(v.Similar, sc)
	}
	if !w.laws.Load() {
		v.Waiting = append(v.Waiting, "法规索引（首次建立约需半分钟）")
		return renderPart(c, "assist", v)
	}
	ix, err := s.lawIndex()
	if err != nil {
		return err
	}
	norms, err := search.PushNorms(ix, search.NormQuery{Facts: f.Facts, Top: 4, Fine: fine, Cases: rk, Benchmarks: NormBenchmarks, Obligations: NormObligations})
	if err != nil {
		v.NormsError = err.Error()
	}
	v.Norms = norms
	return renderPart(c, "assist", v)
}
