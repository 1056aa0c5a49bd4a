package disclosure

import (
	"context"
	"fmt"
	"strings"

	"zhifa/records"
	"zhifa/search"
)

// PortalDocs lists what the public portal shows today — published decision
// disclosures (their current masked version) and published standing items —
// and the set they make. Nothing else of the records goes in.
func PortalDocs(ctx context.Context, st *records.Store) ([]search.PortalDoc, *search.PortalSet, error) {
	names, err := agencyNames(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	ds, err := List(ctx, st, "", "")
	if err != nil {
		return nil, nil, err
	}
	ss, err := ListStanding(ctx, st, "", "")
	if err != nil {
		return nil, nil, err
	}
	t := today()
	var docs []search.PortalDoc
	set := search.NewPortalSet()
	for i := range ds {
		if ds[i].Public(t) {
			docs = append(docs, DecisionDoc(ds[i], names[ds[i].AgencyID]))
			set.Set(ds[i].ID, Key(ds[i]))
		}
	}
	for _, s := range ss {
		if s.Status == StatusPublished {
			docs = append(docs, StandingDoc(s, names[s.AgencyID]))
			set.Set(s.ID, StandingKey(s))
		}
	}
	return docs, set, nil
}

// AgencyName is the name the portal shows for an agency id.
func AgencyName(ctx context.Context, st *records.Store, id string) string {
	if a, err := st.GetAgency(ctx, id); err == nil {
		return a.Name
	}
	return ""
}

// Key is what of a disclosure changes its portal entry.
func Key(d Disclosure) string {
	return fmt.Sprintf("%s:%s:%d:%s", d.ID, d.Status, len(d.Versions), d.ExpiresOn)
}

// StandingKey is what of a standing item changes its portal entry.
func StandingKey(s Standing) string { return fmt.Sprintf("%s:%s:%d", s.ID, s.Status, len(s.History)) }

// DecisionDoc is the portal entry of a published disclosure.
func DecisionDoc(d Disclosure, agency string) search.PortalDoc {
	v := d.Current()
	title := v.Summary.Violation
	if v.Summary.Number != "" {
		title = v.Summary.Number + " " + title
	}
	text := v.Text
	if v.Full != "" {
		text += "\n" + v.Full
	}
	return search.PortalDoc{ID: d.ID, Type: "decision", AgencyID: d.AgencyID, Agency: agency, Kind: d.Kind,
		Date: v.Summary.Date, Title: strings.TrimSpace(title), Text: text, Expires: d.ExpiresOn}
}

// StandingDoc is the portal entry of a standing item.
func StandingDoc(s Standing, agency string) search.PortalDoc {
	return search.PortalDoc{ID: s.ID, Type: "standing", AgencyID: s.AgencyID, Agency: agency, Kind: Categories[s.Category],
		Date: s.UpdatedOn, Title: s.Title, Text: s.Body}
}

func agencyNames(ctx context.Context, st *records.Store) (map[string]string, error) {
	ags, err := st.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, a := range ags {
		m[a.ID] = a.Name
	}
	return m, nil
}
