package review

import (
	"context"
	"fmt"

	"zhifa/records"
)

// Staffing is one agency's reviewers against its officers (审核人员配备).
type Staffing struct {
	AgencyID   string  `json:"agency_id"`
	Agency     string  `json:"agency"`
	Officers   int     `json:"officers"`
	Reviewers  int     `json:"reviewers"`
	Qualified  int     `json:"qualified"` // reviewers with 法律职业资格
	Percent    float64 `json:"percent"`   // reviewers / officers × 100
	MinPercent float64 `json:"min_percent"`
	Below      bool    `json:"below"`
	Citation   string  `json:"citation"`
}

// StaffingReport lists every agency's reviewer staffing, flagging those below
// the share their catalog sets (the plans' 5%).
func StaffingReport(ctx context.Context, st *records.Store) ([]Staffing, error) {
	ags, err := st.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	out := []Staffing{}
	for _, a := range ags {
		os, err := st.ListOfficers(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		cat, err := CatalogFor(ctx, st, a.ID)
		if err != nil {
			return nil, err
		}
		min, cite := cat.StaffingMinPercent, cat.StaffingCitation
		if min == 0 { // an agency catalog that sets none keeps the default's
			min, cite = DefaultCatalog().StaffingMinPercent, DefaultCatalog().StaffingCitation
		}
		s := Staffing{AgencyID: a.ID, Agency: a.Name, Officers: len(os), MinPercent: min, Citation: cite}
		for _, o := range os {
			if o.Reviewer {
				s.Reviewers++
				if o.LegalProfessionQual {
					s.Qualified++
				}
			}
		}
		if s.Officers > 0 {
			s.Percent = float64(int(float64(s.Reviewers)*10000/float64(s.Officers)+0.5)) / 100
		}
		s.Below = float64(s.Reviewers)*100 < min*float64(s.Officers)
		out = append(out, s)
	}
	return out, nil
}

// String is the report line of one agency.
func (s Staffing) String() string {
	return fmt.Sprintf("%s: %d reviewers / %d officers (%.2f%%, at least %.0f%%)", s.AgencyID, s.Reviewers, s.Officers, s.Percent, s.MinPercent)
}
