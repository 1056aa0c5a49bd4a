package review

import (
	"context"
	"fmt"
	"strings"

	"zhifa/drafting"
	"zhifa/records"
)

// OpinionLabels are the opinion results in the words of the 意见书.
var OpinionLabels = map[string]string{ReviewApprove: "同意", ReviewProblems: "存在问题", ReviewReject: "不同意"}

// OpinionDocument drafts the 法制审核意见书 of the review's latest opinion and
// stores it as a document of the case (its hash then in the audit chain).
func OpinionDocument(ctx context.Context, st *records.Store, id, actor string) (records.Document, []string, error) {
	rv, err := Get(ctx, st, id)
	if err != nil {
		return records.Document{}, nil, err
	}
	n := len(rv.Rounds)
	if n == 0 || rv.Rounds[n-1].Opinion == nil {
		return records.Document{}, nil, conflict("review", "%s has no opinion on its latest round yet", rv.ID)
	}
	r := rv.Rounds[n-1]
	c, err := st.GetCase(ctx, rv.CaseID, actor)
	if err != nil {
		return records.Document{}, nil, err
	}
	ag, err := st.GetAgency(ctx, c.AgencyID)
	if err != nil {
		return records.Document{}, nil, err
	}
	m := drafting.Model{
		Agency: drafting.AgencyProfile{Name: ag.Name, Seal: ag.Profile.SealText, Address: ag.Profile.Address},
		Case:   drafting.CaseInfo{ID: c.ID, CaseNo: c.CaseNo, Title: c.Title, FiledOn: c.OpenedOn},
	}
	if len(c.Parties) > 0 {
		m.Party = drafting.Party{Name: c.Parties[0].Name, Kind: c.Parties[0].Kind, Address: c.Parties[0].Address}
	}
	if r.Proposed != nil {
		m.Fine, m.Basis, m.Confiscate, m.Decision = r.Proposed.Fine, r.Proposed.PenaltyBasis, r.Proposed.Confiscation, r.Proposed.Summary
	}
	op := r.Opinion
	m.Review = OpinionText(r)
	m.Reviewer = op.Reviewer
	if o, err := st.GetOfficer(ctx, op.Reviewer); err == nil {
		m.Reviewer = o.Name
	}
	day := op.At.In(cst)
	m.ReviewDate = fmt.Sprintf("%d年%d月%d日", day.Year(), day.Month(), day.Day())
	const kind = "法制审核意见书"
	d, err := drafting.Fill(kind, m)
	if err != nil {
		return records.Document{}, nil, err
	}
	b, err := drafting.DOCX(d)
	if err != nil {
		return records.Document{}, nil, err
	}
	num, err := st.NextDocumentNumber(ctx, c.AgencyID, day.Year(), kind)
	if err != nil {
		return records.Document{}, nil, err
	}
	prefix := ag.Profile.DocumentPrefix
	if prefix == "" {
		prefix = ag.Profile.CaseNoPrefix
	}
	doc, err := st.AddDocument(ctx, c.ID, kind, fmt.Sprintf("%s%s〔%d〕%d号", prefix, drafting.KindCode(kind), day.Year(), num), b, actor)
	return doc, d.Warnings, err
}

// OpinionText is the 审核意见 paragraph: the result, the reasons and the points
// the reviewer found wanting or overrode.
func OpinionText(r Round) string {
	op := r.Opinion
	var b strings.Builder
	fmt.Fprintf(&b, "%s（第%d轮）。%s", OpinionLabels[op.Result], r.N, op.Reasons)
	for _, p := range op.Points {
		switch {
		case p.Decision == "override":
			fmt.Fprintf(&b, "；%s：机器核查为%s，审核改判为%s（%s）", PointNames[p.Key], p.Machine, p.Status, p.Comment)
		case p.Status == StatusFail || p.Status == StatusWarn:
			fmt.Fprintf(&b, "；%s：%s", PointNames[p.Key], map[string]string{StatusFail: "不符合要求", StatusWarn: "需注意"}[p.Status])
		}
	}
	return b.String()
}
