package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"zhifa/records"
	"zhifa/review"
)

// `zhifa review <sub>`: the 法制审核 workflow.
var reviewSubs = map[string]func(ctx context.Context, env *cmdEnv, args []string) error{
	"scope":      runReviewScope,
	"checklist":  runReviewChecklist,
	"submit":     runReviewSubmit,
	"opinion":    runReviewOpinion,
	"show":       runReviewShow,
	"list":       runReviewList,
	"collective": runReviewCollective,
	"catalog":    runReviewCatalog,
	"staffing":   runReviewStaffing,
	"document":   runReviewDocument,
	"decide":     runReviewDecide,
}

func init() {
	register(&command{name: "review", summary: "法制审核: scope, checklist, submit, opinion, show, list, collective, catalog load, staffing, document, decide", run: runReview})
}

func runReview(ctx context.Context, env *cmdEnv, args []string) error {
	names := make([]string, 0, len(reviewSubs))
	for n := range reviewSubs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return usagef("which one? zhifa review %s", strings.Join(names, "|"))
	}
	run, ok := reviewSubs[args[0]]
	if !ok {
		return usagef("unknown subcommand %q; expected one of %s", args[0], strings.Join(names, ", "))
	}
	return run(ctx, env, args[1:])
}

// reviewErr names the field of a bad request; a refused write (409) says its code.
func reviewErr(err error) error {
	var ce *records.ConflictError
	if errors.As(err, &ce) {
		return fmt.Errorf("%s: %s: %s", ce.Code, ce.Field, ce.Message)
	}
	return recordsErr(err)
}

// openFor parses args (no positional ones) and opens the store.
func openFor(ctx context.Context, fs *flagSet, args []string) (*records.Store, error) {
	pos, err := fs.parse(args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 {
		return nil, usagef("unexpected argument %q", pos[0])
	}
	return openRecords(ctx, fs)
}

func need(name, v string) error {
	if strings.TrimSpace(v) == "" {
		return usagef("--%s is required", name)
	}
	return nil
}

func runReviewScope(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review scope")
	id := fs.String("case", "", "case id")
	actor := actorFlag(fs)
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := need("case", *id); err != nil {
		return err
	}
	sc, err := review.CaseScope(ctx, st, *id, *actor)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, sc)
}

func runReviewChecklist(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review checklist")
	id := fs.String("case", "", "case id")
	actor := actorFlag(fs)
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := need("case", *id); err != nil {
		return err
	}
	cl, err := review.CaseChecklist(ctx, st, *id, *actor, time.Now())
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, cl)
}

func runReviewSubmit(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review submit")
	id := fs.String("case", "", "case id")
	reviewer := fs.String("reviewer", "", "officer id of the reviewer (法制审核人员)")
	basis := fs.String("basis", "", "proposed decision: penalty basis (citation)")
	fine := fs.Float64("fine", 0, "proposed decision: fine in yuan")
	conf := fs.Float64("confiscation", 0, "proposed decision: 没收违法所得 in yuan")
	summary := fs.String("summary", "", "proposed decision: its content (处罚决定内容)")
	date := fs.String("date", "", "proposed decision: date YYYY-MM-DD")
	transfer := fs.String("transfer-note", "", "the transfer made (移送), or why it does not apply")
	note := fs.String("note", "", "送审说明: what was revised since the last round")
	actor := actorFlag(fs)
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := need("case", *id); err != nil {
		return err
	}
	if err := need("reviewer", *reviewer); err != nil {
		return err
	}
	r := review.SubmitRequest{Reviewer: *reviewer, TransferNote: *transfer, Note: *note}
	if *basis != "" || *fine != 0 || *conf != 0 || *summary != "" {
		r.Proposed = &records.Decision{PenaltyBasis: *basis, Fine: *fine, Confiscation: *conf, Summary: *summary, Date: *date}
	}
	rv, err := review.Submit(ctx, st, *id, r, *actor)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, rv)
}

// overrides is the repeatable --override KEY=STATUS:COMMENT flag.
type overrides []review.PointDecision

func (o *overrides) String() string { return "" }
func (o *overrides) Set(v string) error {
	key, rest, ok := strings.Cut(v, "=")
	status, comment, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 {
		return fmt.Errorf("%q: expected KEY=STATUS:COMMENT, e.g. documents=warn:告知书已补正", v)
	}
	*o = append(*o, review.PointDecision{Key: key, Decision: "override", Status: status, Comment: comment})
	return nil
}

func runReviewOpinion(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review opinion")
	id := fs.String("review", "", "review id (rv-<case id>)")
	reviewer := fs.String("reviewer", "", "officer id of the reviewer giving the opinion")
	result := fs.String("result", "", "approve | problems | reject")
	reasons := fs.String("reasons", "", "written reasons of the opinion")
	var ov overrides
	fs.Var(&ov, "override", "override a checklist point: KEY=STATUS:COMMENT (repeatable); the others are confirmed")
	actor := actorFlag(fs)
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, f := range []struct{ n, v string }{{"review", *id}, {"reviewer", *reviewer}, {"result", *result}, {"reasons", *reasons}} {
		if err := need(f.n, f.v); err != nil {
			return err
		}
	}
	rv, err := review.GiveOpinion(ctx, st, *id, review.OpinionRequest{Reviewer: *reviewer, Result: *result, Reasons: *reasons, Points: ov}, *actor)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, rv)
}

func runReviewShow(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review show")
	id := fs.String("review", "", "review id (rv-<case id>)")
	caseID := fs.String("case", "", "or the case id")
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	if *id == "" && *caseID != "" {
		*id = "rv-" + *caseID
	}
	if err := need("review", *id); err != nil {
		return err
	}
	rv, err := review.Get(ctx, st, *id)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, rv)
}

func runReviewList(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review list")
	reviewer := fs.String("reviewer", "", "only this reviewer's queue")
	status := fs.String("status", "", "pending | approve | problems | reject | collective")
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	rvs, err := review.List(ctx, st, *reviewer, *status)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, rvs)
}

func runReviewCollective(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review collective")
	id := fs.String("review", "", "review id; the discussion record (JSON) on stdin")
	actor := actorFlag(fs)
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := need("review", *id); err != nil {
		return err
	}
	b, err := readAllStdin(env, 1<<20)
	if err != nil {
		return err
	}
	var r review.CollectiveRequest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return usagef("stdin: a collective discussion record {date, participants, opinions, conclusion, reasons}: %v", err)
	}
	rv, err := review.Discuss(ctx, st, *id, r, *actor)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, rv)
}

func runReviewCatalog(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 || (args[0] != "load" && args[0] != "show") {
		return usagef("usage: zhifa review catalog load FILE --agency ID | zhifa review catalog show --agency ID")
	}
	sub := args[0]
	fs := newFlagSet("review catalog " + sub)
	agency := fs.String("agency", "", "agency id")
	actor := actorFlag(fs)
	pos, err := fs.parse(args[1:])
	if err != nil {
		return err
	}
	if err := need("agency", *agency); err != nil {
		return err
	}
	if sub == "load" && len(pos) != 1 {
		return usagef("usage: zhifa review catalog load FILE --agency ID")
	}
	if sub == "show" && len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	st, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer st.Close()
	if sub == "show" {
		if _, err := st.GetAgency(ctx, *agency); err != nil {
			return reviewErr(err)
		}
		c, err := review.CatalogFor(ctx, st, *agency)
		if err != nil {
			return err
		}
		return writeJSON(env.stdout, c)
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	c, err := review.LoadAgencyCatalog(ctx, st, *agency, pos[0], data, *actor)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, map[string]any{"agency_id": c.AgencyID, "name": c.Name, "rules": len(c.Rules), "review_days": c.ReviewDays})
}

func runReviewStaffing(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review staffing")
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := review.StaffingReport(ctx, st)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, r)
}

func runReviewDocument(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review document")
	id := fs.String("review", "", "review id: draft its 法制审核意见书 and store it with the case")
	out := fs.String("o", "", "also write the DOCX here")
	actor := actorFlag(fs)
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := need("review", *id); err != nil {
		return err
	}
	doc, warn, err := review.OpinionDocument(ctx, st, *id, *actor)
	if err != nil {
		return reviewErr(err)
	}
	if *out != "" {
		b, err := st.ReadFile(doc.SHA256)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, b, 0o640); err != nil {
			return fmt.Errorf("-o: %w", err)
		}
	}
	if warn == nil {
		warn = []string{}
	}
	return writeJSON(env.stdout, map[string]any{"document": doc, "warnings": warn})
}

// runReviewDecide records the decision (决定) step: the legal-review gate
// refuses it (exit 1) when the case is in scope and not approved.
func runReviewDecide(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("review decide")
	id := fs.String("case", "", "case id; the decision JSON {penalty_basis, fine, confiscation, summary, number} on stdin")
	actor := actorFlag(fs)
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := need("case", *id); err != nil {
		return err
	}
	b, err := readAllStdin(env, 1<<20)
	if err != nil {
		return err
	}
	var d records.Decision
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return usagef("stdin: a decision {penalty_basis, fine, confiscation, summary, number}: %v", err)
	}
	step, warn, err := st.AppendStep(ctx, *id, records.StepDecision, time.Time{}, d, *actor)
	if err != nil {
		return reviewErr(err)
	}
	if warn == nil {
		warn = []string{}
	}
	return writeJSON(env.stdout, map[string]any{"step": step, "warnings": warn})
}
