package stats

// countReviews: a case is reviewed in the year of its first round; it passed
// on the first round when that round's opinion is approve.
func countReviews(rs []ReviewRound, year int, caseRow map[string]*KindStats) {
	first := map[string]ReviewRound{}
	for _, r := range rs {
		if r.Round == 1 {
			first[r.CaseID] = r
		}
	}
	for id, r := range first {
		k := caseRow[id]
		if k == nil || !inYear(r.Date, year) {
			continue
		}
		k.Reviewed++
		if r.Opinion == "approve" {
			k.FirstRoundPassed++
		}
	}
}

// countDisclosures: every decision of the year is on time, late, or missing
// (no disclosure, or none published); counted only when the store records
// disclosures at all.
func countDisclosures(in Input, year int, caseRow map[string]*KindStats, decided map[string]string) {
	if !in.Recorded[KindDisclosure] {
		return
	}
	byCase := map[string]Disclosure{}
	for _, d := range in.Disclosures {
		if prev, ok := byCase[d.CaseID]; !ok || (prev.PublishedOn == "" && d.PublishedOn != "") {
			byCase[d.CaseID] = d
		}
	}
	for id, day := range decided {
		k := caseRow[id]
		if k == nil || !inYear(day, year) {
			continue
		}
		d, ok := byCase[id]
		switch {
		case !ok || d.PublishedOn == "":
			k.DisclosureMissing++
		case d.DueOn != "" && d.PublishedOn > d.DueOn:
			k.DisclosureLate++
		default:
			k.DisclosureOnTime++
		}
	}
}

func countAppeals(as []Appeal, year int, caseRow map[string]*KindStats) {
	for _, a := range as {
		k := caseRow[a.CaseID]
		if k == nil || !inYear(a.DecidedOn, year) {
			continue
		}
		switch a.Type {
		case "reconsideration":
			k.Reconsiderations++
			switch a.Outcome {
			case "upheld":
				k.ReconsiderationUpheld++
			case "revoked":
				k.ReconsiderationRevoke++
			case "changed":
				k.ReconsiderationChange++
			case "confirmed_illegal":
				k.ReconsiderationIllegl++
			}
		case "litigation":
			k.Litigations++
			switch a.Outcome {
			case "upheld":
				k.LitigationUpheld++
			case "revoked":
				k.LitigationRevoke++
			case "changed":
				k.LitigationChange++
			case "confirmed_illegal":
				k.LitigationIllegl++
			}
		}
	}
}

// countDraws counts the year's draws of each agency, and the results entered
// for them, under kind inspection.
func countDraws(in Input, year int, row func(agency, kind string) *KindStats) {
	agencyOf := map[string]string{}
	for _, d := range in.Draws {
		if !inYear(d.Day, year) {
			continue
		}
		k := row(d.Lists.Plan.AgencyID, "inspection")
		if k == nil {
			continue
		}
		agencyOf[d.ID] = d.Lists.Plan.AgencyID
		k.Draws++
		k.TargetsDrawn += len(d.Result.Draws)
	}
	for _, r := range in.Results {
		a, ok := agencyOf[r.DrawID]
		if !ok {
			continue
		}
		k := row(a, "inspection")
		k.Results++
		switch r.Outcome {
		case "no_problem":
			k.ResultNoProblem++
		case "corrected":
			k.ResultCorrected++
		case "case_filed":
			k.ResultCaseFiled++
		case "transferred":
			k.ResultTransferred++
		case "unreachable":
			k.ResultUnreachable++
		}
	}
}
