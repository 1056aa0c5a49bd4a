package web

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/nlp"
	"zhifa/records"
	"zhifa/rules"
)

// caseForm is the new-case form as the officer filled it in; the same
// fields feed the assistance panel.
type caseForm struct {
	AgencyID      string
	PowerItemID   string
	Procedure     string
	Title         string
	OpenedOn      string
	ActDate       string
	Source        string // 案件来源
	Party         records.Party
	Facts         string
	Amounts       []amountRow
	Circumstances []string
	PenaltyBasis  string
	OfficerIDs    []string
}

type amountRow struct{ Key, Value string }

const amountRows = 3

// parseCaseForm reads the form; field errors it finds (an amount that is no
// number) go to errs under the form's own field names.
func parseCaseForm(c *fiber.Ctx, errs map[string]string) caseForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	f := caseForm{AgencyID: v("agency_id"), PowerItemID: v("power_item_id"), Procedure: v("procedure"), Title: v("title"), OpenedOn: v("opened_on"),
		ActDate: v("act_date"), Source: v("source"), Facts: v("facts"), PenaltyBasis: v("penalty_basis"),
		Party: records.Party{Kind: v("party_kind"), Name: v("party_name"), LegalRep: v("party_legal_rep"), Address: v("party_address"), Phone: v("party_phone")}}
	if f.Party.Kind == records.PartyOrganization {
		f.Party.CreditCode = strings.ToUpper(v("party_code"))
	} else {
		f.Party.IDNumber = strings.ToUpper(v("party_code"))
	}
	for i := 0; i < amountRows; i++ {
		f.Amounts = append(f.Amounts, amountRow{Key: v(fmt.Sprintf("amount_key_%d", i)), Value: v(fmt.Sprintf("amount_value_%d", i))})
	}
	f.Circumstances = formValues(c, "circumstances")
	f.OfficerIDs = formValues(c, "officer_ids")
	if _, err := f.amounts(); err != nil && errs != nil {
		errs[err.Field] = err.Message
	}
	return f
}

// formValues are every value of a repeated form field, in order.
func formValues(c *fiber.Ctx, name string) []string {
	var out []string
	if mf, err := c.MultipartForm(); err == nil {
		for _, s := range mf.Value[name] {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	for _, b := range c.Request().PostArgs().PeekMulti(name) {
		if s := strings.TrimSpace(string(b)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// amounts reads the amount rows; a value may be written as the officer
// writes money (5万元, 3,000元).
func (f caseForm) amounts() (map[string]float64, *records.FieldError) {
	out := map[string]float64{}
	for i, r := range f.Amounts {
		if r.Value == "" {
			continue
		}
		if _, ok := rules.AmountKeys[r.Key]; !ok {
			return out, &records.FieldError{Field: fmt.Sprintf("amount_key_%d", i), Message: "请选择金额的种类"}
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(r.Value, ",", ""), 64)
		if err != nil {
			if n, err = nlp.ParseMoney(r.Value); err != nil {
				return out, &records.FieldError{Field: fmt.Sprintf("amount_value_%d", i), Message: fmt.Sprintf("%q 不是金额或数量", r.Value)}
			}
		}
		if n < 0 || n > rules.MaxAmount {
			return out, &records.FieldError{Field: fmt.Sprintf("amount_value_%d", i), Message: "金额须为 0 或以上"}
		}
		out[r.Key] = n
	}
	return out, nil
}

// record is the case the form describes.
func (f caseForm) record() records.Case {
	amounts, _ := f.amounts()
	title := f.Title
	if title == "" && f.Party.Name != "" {
		title = f.Party.Name + "案"
	}
	return records.Case{AgencyID: f.AgencyID, PowerItemID: f.PowerItemID, Procedure: f.Procedure, Title: title, OpenedOn: f.OpenedOn,
		Parties: []records.Party{f.Party}, Facts: f.Facts, Amounts: amounts, Circumstances: f.Circumstances, OfficerIDs: f.OfficerIDs}
}

// ruleInput is what the discretion and transfer rules take from the form.
func (f caseForm) ruleInput(ag records.Agency) rules.Input {
	amounts, _ := f.amounts()
	in := rules.Input{PenaltyBasis: f.PenaltyBasis, Facts: f.Facts, Amounts: amounts, ActDate: f.ActDate, Agency: ag.Name, Region: ag.Region,
		Party: rules.Party{Type: f.Party.Kind}}
	for _, code := range f.Circumstances {
		if _, ok := rules.CircumstanceCodes[code]; ok {
			in.Circumstances = append(in.Circumstances, code)
		}
	}
	return in
}

// caseFieldAlias maps a records field to the form's field.
func caseFieldAlias(field string) string {
	switch {
	case strings.HasPrefix(field, "parties[0]."):
		k := strings.TrimPrefix(field, "parties[0].")
		if k == "id_number" || k == "credit_code" {
			return "party_code"
		}
		return "party_" + k
	case field == "parties":
		return "party_name"
	case strings.HasPrefix(field, "officer_ids"):
		return "officer_ids"
	}
	return field
}

// option is one entry of a select or a set of checkboxes.
type option struct{ Value, Label string }

func amountOptions() []option {
	var out []option
	for k, n := range rules.AmountKeys {
		out = append(out, option{k, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	// the amounts most penalty cases turn on come first
	first := []string{"illegal_gains", "goods_value", "sales_amount", "illegal_business_amount", "ad_cost"}
	sort.SliceStable(out, func(i, j int) bool { return rank(first, out[i].Value) < rank(first, out[j].Value) })
	return out
}

func circumstanceOptions() []option {
	var out []option
	for k, n := range rules.CircumstanceCodes {
		out = append(out, option{k, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	first := []string{"first_offense", "minor", "promptly_corrected", "no_harm", "harm_eliminated", "confessed", "repeat_offense", "serious"}
	sort.SliceStable(out, func(i, j int) bool { return rank(first, out[i].Value) < rank(first, out[j].Value) })
	return out
}

func rank(order []string, v string) int {
	for i, s := range order {
		if s == v {
			return i
		}
	}
	return len(order)
}
