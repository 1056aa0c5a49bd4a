package disclosure

import (
	"fmt"
	"strings"
	"time"

	"zhifa/records"
)

// provinceCodes are the first two digits of the 行政区划代码 (GB/T 2260) by
// the province's name as an agency's region starts with it.
var provinceCodes = map[string]string{
	"北京": "11", "天津": "12", "河北": "13", "山西": "14", "内蒙古": "15", "辽宁": "21", "吉林": "22", "黑龙江": "23",
	"上海": "31", "江苏": "32", "浙江": "33", "安徽": "34", "福建": "35", "江西": "36", "山东": "37", "河南": "41",
	"湖北": "42", "湖南": "43", "广东": "44", "广西": "45", "海南": "46", "重庆": "50", "四川": "51", "贵州": "52",
	"云南": "53", "西藏": "54", "陕西": "61", "甘肃": "62", "青海": "63", "宁夏": "64", "新疆": "65",
}

func provinceOf(region string) string {
	for name, code := range provinceCodes {
		if strings.HasPrefix(region, name) {
			return code
		}
	}
	return ""
}

// registeredElsewhere reports whether an organisation party is registered
// in another province than the agency's: the 统一社会信用代码's third to
// eighth characters are its 登记管理机关行政区划码 (GB 32100). known is false
// when either province cannot be read.
func registeredElsewhere(agencyRegion string, p records.Party) (elsewhere, known bool) {
	own := provinceOf(agencyRegion)
	cc := strings.TrimSpace(p.CreditCode)
	if own == "" || p.Kind != records.PartyOrganization || len(cc) != 18 {
		return false, false
	}
	return cc[2:4] != own, true
}

// pushRule is 市场监管's 第十条: a party registered in another province is
// disclosed by pushing the decision, within ten working days, to the
// authority where it is registered. It returns the push due date and why,
// or a note of what could not be told.
func pushRule(sector, agencyRegion string, c records.Case, decided time.Time) (due, note string) {
	r, ok := sectorRule(sector, "push_other_province")
	if !ok || len(c.Parties) == 0 {
		return "", ""
	}
	elsewhere, known := registeredElsewhere(agencyRegion, c.Parties[0])
	switch {
	case !known && c.Parties[0].Kind == records.PartyOrganization:
		return "", "whether the party is registered in another province (" + r.Citation + ": push within " + r.Figure + ") cannot be told from the record: the agency's region or the party's 统一社会信用代码 is missing"
	case !elsewhere:
		return "", ""
	}
	t, err := calendar.AddWorkingDays(decided, r.Value)
	if err != nil {
		return "", fmt.Sprintf("the party is registered in another province; the push due date (%s: %s) cannot be computed: %v", r.Citation, r.Figure, err)
	}
	return t.Format("2006-01-02"), fmt.Sprintf("the party is registered in another province (credit code %s…): push the decision to the authority where it is registered within %s (%s)", c.Parties[0].CreditCode[:8], r.Figure, r.Citation)
}
