package review

import (
	"context"
	"time"

	"zhifa/records"
)

func init() { records.SetDemoReview(demoReview) }

// demoReviewer is the demo bureau's reviewer who holds 法律职业资格.
const demoReviewer = "demo-of-5"

// demoReview submits a demo case to the demo reviewer and, when it has a
// decision to make, approves it. The demo's files carry no drafted documents
// and the like, so the reviewer overrides each failing point with a comment
// that says the record is synthetic — visibly, in the opinion, never silently.
func demoReview(ctx context.Context, st *records.Store, caseID string, proposed *records.Decision, at time.Time) error {
	rv, err := Submit(ctx, st, caseID, SubmitRequest{Reviewer: demoReviewer, Proposed: proposed, At: at,
		Note: "合成演示数据（synthetic demo data）：送审"}, "demo-loader")
	if err != nil || proposed == nil {
		return err
	}
	var pts []PointDecision
	for _, p := range rv.Rounds[len(rv.Rounds)-1].Checklist.Points {
		if p.Status == StatusFail {
			pts = append(pts, PointDecision{Key: p.Key, Decision: "override", Status: StatusWarn,
				Comment: "合成演示数据：演示案卷未附全部材料，此项由演示加载程序改判，不是真实审核"})
		}
	}
	_, err = GiveOpinion(ctx, st, rv.ID, OpinionRequest{Reviewer: demoReviewer, Result: ReviewApprove, At: at.Add(2 * time.Hour),
		Reasons: "事实清楚，证据确凿，适用依据正确，程序合法（合成演示数据）", Points: pts}, demoReviewer)
	return err
}
