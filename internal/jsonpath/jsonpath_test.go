package jsonpath

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

type party struct {
	Kind     string `json:"kind"`
	IDNumber string `json:"id_number"`
	Age      int    `json:"age"`
}

type notice struct {
	PeriodEnd string    `json:"period_end"`
	At        time.Time `json:"at"`
}

type embedded struct {
	Note string `json:"note"`
}

type aliased struct{ Fine float64 }

// UnmarshalJSON reads fine, or its older spelling penalty.
func (a *aliased) UnmarshalJSON(b []byte) error {
	var v struct {
		Fine    *float64 `json:"fine"`
		Penalty *float64 `json:"penalty"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v.Fine != nil {
		a.Fine = *v.Fine
	} else if v.Penalty != nil {
		a.Fine = *v.Penalty
	}
	return nil
}

type request struct {
	embedded
	Parties []party            `json:"parties"`
	Notice  *notice            `json:"notice"`
	Amounts map[string]float64 `json:"amounts"`
	Tags    []string           `json:"tags"`
	Content []byte             `json:"content"`
	Data    json.RawMessage    `json:"data"`
	Any     any                `json:"any"`
	Alias   aliased            `json:"alias"`
	Count   uint8              `json:"count"`
	Plain   string
}

var goTypeName = regexp.MustCompile(`\b(jsonpath|json|time|records)\.[A-Za-z]|Go (struct|value)|UnmarshalJSON|float64|int64|uint8|\bstruct\b|\[\]|\*[a-z]`)

func TestDecodeNamesThePath(t *testing.T) {
	for _, tc := range []struct {
		body, path, msg string // path "-" = accepted
	}{
		{`{"parties":[{"kind":"person"},{"id_number":5}]}`, "parties[1].id_number", "expected a string, got the number 5"},
		{`{"parties":[{"age":"old"}]}`, "parties[0].age", "expected an integer, got the string \"old\""},
		{`{"parties":[{"age":1.5}]}`, "parties[0].age", "expected an integer in range"},
		{`{"parties":{"kind":"x"}}`, "parties", "expected a JSON array, got a JSON object"},
		{`{"notice":{"period_end":20260101}}`, "notice.period_end", "expected a string"},
		{`{"notice":{"at":"tomorrow"}}`, "notice.at", "expected a time (RFC 3339"},
		{`{"notice":"x"}`, "notice", "expected a JSON object"},
		{`{"amounts":{"goods_value":"many"}}`, "amounts.goods_value", "expected a number"},
		{`{"tags":[1]}`, "tags[0]", "expected a string"},
		{`{"content":"%%"}`, "content", "expected base64 text"},
		{`{"count":300}`, "count", "expected an integer in range"},
		{`{"note":7}`, "note", "expected a string"},
		{`{"alias":{"penalty":"x"}}`, "alias.penalty", "expected a number"},
		{`{"alias":{"fine":"x"}}`, "alias.fine", "expected a number"},
		{`{"Parties":[{"KIND":1}]}`, "Parties[0].KIND", "expected a string"},
		{`{"parties":[{"nickname":"x"}]}`, "parties[0].nickname", "unknown field"},
		{`{"plain":1}`, "plain", "expected a string"},
		{`[1]`, "", "expected a JSON object, got a JSON array"},
		{`{"tags":[1}`, "", "malformed JSON at byte"},
		{`{"tags":`, "", "malformed JSON: unexpected end"},
		{`{} {}`, "", "unexpected data after"},
		{`{"data":{"anything":[1,"x"]},"any":{"a":1},"notice":null,"parties":[{"kind":"person","age":30}],"alias":{"penalty":5}}`, "-", ""},
	} {
		var r request
		err := Decode([]byte(tc.body), &r, true)
		if tc.path == "-" {
			if err != nil {
				t.Errorf("%s: %v", tc.body, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %v, want an *Error", tc.body, err)
			continue
		}
		if e.Path != tc.path || !strings.HasPrefix(e.Message, tc.msg) {
			t.Errorf("%s: %q %q, want %q %q…", tc.body, e.Path, e.Message, tc.path, tc.msg)
		}
		if goTypeName.MatchString(e.Message) {
			t.Errorf("%s: message %q names a Go type", tc.body, e.Message)
		}
	}
}

func TestClean(t *testing.T) {
	for _, in := range []string{
		"json: cannot unmarshal string into Go struct field NoticeData.period_end of type int",
		"json: cannot unmarshal number into Go value of type records.NoticeData",
		"parsing time: Time.UnmarshalJSON: bad",
	} {
		if out := Clean(in); goTypeName.MatchString(out) || strings.Contains(out, "NoticeData") || strings.Contains(out, "Time.") {
			t.Errorf("Clean(%q) = %q", in, out)
		}
	}
}
