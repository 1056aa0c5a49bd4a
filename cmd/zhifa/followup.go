package main

import (
	"context"
	"time"

	"zhifa/followup"
	"zhifa/warnings"
)

func init() {
	registerCasesSub("appeal", runCasesAppeal)
	registerCasesSub("transfer", runCasesTransfer)
	registerCasesSub("extend", runCasesExtend)
	register(&command{name: "annual-report", summary: "record that an agency's 统计年报 was reported and/or published", run: runAnnualReport})
}

// zhifa cases appeal --case ID --type reconsideration|litigation --outcome … --decided-on D
func runCasesAppeal(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases appeal")
	actor := actorFlag(fs)
	var a followup.Appeal
	caseID := fs.String("case", "", "the case whose decision was appealed")
	fs.StringVar(&a.Type, "type", "", "reconsideration (复议) or litigation (诉讼)")
	fs.StringVar(&a.Outcome, "outcome", "", "upheld (维持), revoked (撤销), changed (变更) or confirmed_illegal (确认违法)")
	fs.StringVar(&a.DecidedOn, "decided-on", "", "YYYY-MM-DD of the 复议决定 or judgment")
	fs.StringVar(&a.Authority, "authority", "", "the 复议机关 or court")
	fs.StringVar(&a.DocNo, "doc-no", "", "its 文号 or 案号")
	fs.StringVar(&a.Note, "note", "", "a note")
	s, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer s.Close()
	if *caseID == "" {
		return usagef("--case is required")
	}
	got, err := followup.RecordAppeal(ctx, s, *actor, *caseID, a)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, got)
}

// zhifa cases extend --case ID --approved-on D --approved-by NAME --days N --reason TEXT [--basis CITATION]
func runCasesExtend(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases extend")
	actor := actorFlag(fs)
	var e warnings.Extension
	caseID := fs.String("case", "", "the case whose time for the decision (九十日 from 立案) is extended")
	fs.StringVar(&e.ApprovedOn, "approved-on", "", "YYYY-MM-DD the agency head approved the extension")
	fs.StringVar(&e.ApprovedBy, "approved-by", "", "the agency head (行政机关负责人) who approved it")
	fs.IntVar(&e.Days, "days", 0, "how many days the time is extended by")
	fs.StringVar(&e.Reason, "reason", "", "why the decision cannot be made in time")
	fs.StringVar(&e.Basis, "basis", "", "the 法律、法规、规章 provision that allows the extension (第六十条 从其规定)")
	s, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer s.Close()
	if *caseID == "" {
		return usagef("--case is required")
	}
	got, err := followup.RecordExtension(ctx, s, *actor, *caseID, e)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, got)
}

// zhifa cases transfer --case ID --reported-on D [--decided-on D --approved --decided-at T --sent-at T]
func runCasesTransfer(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases transfer")
	actor := actorFlag(fs)
	var t warnings.Transfer
	caseID := fs.String("case", "", "the case transferred (涉嫌犯罪移送)")
	fs.StringVar(&t.ReportedOn, "reported-on", "", "YYYY-MM-DD the written report reached the agency head")
	fs.StringVar(&t.DecidedOn, "decided-on", "", "YYYY-MM-DD the head approved or refused")
	fs.BoolVar(&t.Approved, "approved", false, "the transfer was approved")
	decidedAt := fs.String("decided-at", "", "RFC 3339 time of the approval (the 24 hours run from it)")
	sentAt := fs.String("sent-at", "", "RFC 3339 time the case was handed to the public-security organ")
	s, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer s.Close()
	if *caseID == "" {
		return usagef("--case is required")
	}
	for _, f := range []struct {
		name, v string
		dst     *time.Time
	}{{"--decided-at", *decidedAt, &t.DecidedAt}, {"--sent-at", *sentAt, &t.SentAt}} {
		if f.v == "" {
			continue
		}
		v, err := time.Parse(time.RFC3339, f.v)
		if err != nil {
			return usagef("%s %q: expected an RFC 3339 time such as 2026-06-10T09:30:00+08:00", f.name, f.v)
		}
		*f.dst = v
	}
	got, err := followup.RecordTransfer(ctx, s, *actor, *caseID, t)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, got)
}

// zhifa annual-report --agency ID --year Y [--reported-on D] [--published-on D]
func runAnnualReport(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("annual-report")
	actor := actorFlag(fs)
	var r warnings.AnnualReport
	fs.StringVar(&r.AgencyID, "agency", "", "the agency")
	fs.IntVar(&r.Year, "year", 0, "the year the statistics cover")
	fs.StringVar(&r.ReportedOn, "reported-on", "", "YYYY-MM-DD sent to the justice department")
	fs.StringVar(&r.PublishedOn, "published-on", "", "YYYY-MM-DD made public")
	s, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer s.Close()
	got, err := followup.RecordAnnualReport(ctx, s, *actor, r)
	if err != nil {
		return reviewErr(err)
	}
	return writeJSON(env.stdout, got)
}
