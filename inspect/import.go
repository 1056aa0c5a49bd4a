package inspect

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"zhifa/internal/safezip"
	"zhifa/nlp"
)

// LineError is one bad line of an imported registry; Line counts the header
// as line 1, as a spreadsheet shows it.
type LineError struct {
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ImportError lists every bad line; nothing of the file is stored.
type ImportError struct{ Lines []LineError }

func (e *ImportError) Error() string {
	var b strings.Builder
	for i, l := range e.Lines {
		if i > 0 {
			b.WriteString("; ")
		}
		if i == 10 {
			fmt.Fprintf(&b, "and %d more", len(e.Lines)-10)
			break
		}
		fmt.Fprintf(&b, "line %d: %s: %s", l.Line, l.Field, l.Message)
	}
	return b.String()
}

// Format of an imported file.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// FormatOf guesses a file's format from its name or first bytes (XLSX is a zip).
func FormatOf(name string, data []byte) string {
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return FormatXLSX
	}
	return FormatCSV
}

// rows reads a CSV (UTF-8, optional BOM) or the first sheet of an XLSX.
func rows(data []byte, format string) ([][]string, error) {
	switch format {
	case FormatXLSX:
		// excelize's own bounds are gigabytes: the package is checked
		// entry by entry first, and excelize held to the same figures.
		if err := safezip.Check(data); err != nil {
			return nil, &ImportError{[]LineError{{Line: 0, Field: "file", Message: "not an acceptable XLSX workbook: " + err.Error()}}}
		}
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: safezip.Default.Total, UnzipXMLSizeLimit: safezip.Default.Entry})
		if err != nil {
			return nil, &ImportError{[]LineError{{Line: 0, Field: "file", Message: "not a readable XLSX workbook: " + err.Error()}}}
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, &ImportError{[]LineError{{Line: 0, Field: "file", Message: "the workbook has no sheet"}}}
		}
		return f.GetRows(sheets[0])
	case FormatCSV:
		if !utf8.Valid(data) {
			return nil, &ImportError{[]LineError{{Line: 0, Field: "file", Message: "the CSV is not UTF-8 (save it as CSV UTF-8)"}}}
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
		r.FieldsPerRecord = -1
		var out [][]string
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			if err != nil {
				var pe *csv.ParseError
				line := len(out) + 1
				if errors.As(err, &pe) {
					line = pe.Line
				}
				return nil, &ImportError{[]LineError{{Line: line, Field: "file", Message: err.Error()}}}
			}
			out = append(out, rec)
		}
	}
	return nil, &ImportError{[]LineError{{Field: "format", Message: fmt.Sprintf("%q is not csv or xlsx", format)}}}
}

// table maps each header (English field name or its Chinese name) to a column.
type table struct {
	cols   map[string]int
	rows   [][]string
	errors []LineError
}

func newTable(data []byte, format string, fields map[string][]string, required []string) (*table, error) {
	rs, err := rows(data, format)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, &ImportError{[]LineError{{Line: 1, Field: "header", Message: "the file is empty"}}}
	}
	t := &table{cols: map[string]int{}, rows: rs}
	for i, h := range rs[0] {
		h = strings.TrimSpace(h)
		for f, names := range fields {
			if h == f || contains(names, h) {
				t.cols[f] = i
			}
		}
	}
	var missing []LineError
	for _, f := range required {
		if _, ok := t.cols[f]; !ok {
			missing = append(missing, LineError{Line: 1, Field: f, Message: fmt.Sprintf("no column %s (or %s) in the header", f, strings.Join(fields[f], " / "))})
		}
	}
	if missing != nil {
		return nil, &ImportError{missing}
	}
	return t, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (t *table) get(row []string, field string) string {
	i, ok := t.cols[field]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

func (t *table) fail(line int, field, format string, a ...any) {
	t.errors = append(t.errors, LineError{Line: line, Field: field, Message: fmt.Sprintf(format, a...)})
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

var targetFields = map[string][]string{
	"name":        {"名称", "企业名称", "主体名称"},
	"kind":        {"类型", "主体类型"},
	"credit_code": {"统一社会信用代码", "信用代码"},
	"address":     {"地址", "住所", "经营场所"},
	"industry":    {"行业", "所属行业"},
	"risk":        {"风险等级", "风险"},
}

var kindNames = map[string]string{"企业": TargetEnterprise, "个体": TargetIndividual, "个体工商户": TargetIndividual, TargetEnterprise: TargetEnterprise, TargetIndividual: TargetIndividual}
var riskNames = map[string]string{"高": "high", "中": "medium", "低": "low", "高风险": "high", "中风险": "medium", "低风险": "low", "high": "high", "medium": "medium", "low": "low"}

// ReadTargets reads a registry of inspection targets for agency; every bad
// line is reported (*ImportError) and none is returned then.
func ReadTargets(data []byte, format, agency string) ([]Target, error) {
	t, err := newTable(data, format, targetFields, []string{"name", "kind", "credit_code", "address", "industry", "risk"})
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	var out []Target
	for i, row := range t.rows[1:] {
		line := i + 2
		if blank(row) {
			continue
		}
		tg := Target{AgencyID: agency, Name: t.get(row, "name"), CreditCode: strings.ToUpper(t.get(row, "credit_code")), Address: t.get(row, "address"), Industry: t.get(row, "industry")}
		tg.ID = tg.CreditCode
		for _, f := range []struct{ name, v string }{{"name", tg.Name}, {"address", tg.Address}, {"industry", tg.Industry}} {
			if f.v == "" {
				t.fail(line, f.name, "is empty")
			}
		}
		if k, ok := kindNames[t.get(row, "kind")]; ok {
			tg.Kind = k
		} else {
			t.fail(line, "kind", "%q is not 企业 or 个体工商户 (enterprise / individual)", t.get(row, "kind"))
		}
		if r, ok := riskNames[t.get(row, "risk")]; ok {
			tg.Risk = r
		} else {
			t.fail(line, "risk", "%q is not 高/中/低 (high / medium / low)", t.get(row, "risk"))
		}
		if err := nlp.ValidateCreditCode(tg.CreditCode); err != nil {
			t.fail(line, "credit_code", "%v", err)
		} else if prev, dup := seen[tg.CreditCode]; dup {
			t.fail(line, "credit_code", "%s is already on line %d", tg.CreditCode, prev)
		}
		seen[tg.CreditCode] = line
		out = append(out, tg)
	}
	if t.errors != nil {
		return nil, &ImportError{t.errors}
	}
	if len(out) == 0 {
		return nil, &ImportError{[]LineError{{Line: 2, Field: "file", Message: "no targets after the header"}}}
	}
	return out, nil
}

var matterFields = map[string][]string{
	"id":        {"编号", "事项编码"},
	"name":      {"抽查事项", "事项名称", "名称"},
	"basis":     {"抽查依据", "依据"},
	"subject":   {"抽查主体", "主体"},
	"object":    {"抽查对象", "对象"},
	"ratio":     {"抽查比例", "比例"},
	"frequency": {"抽查频次", "频次"},
	"method":    {"抽查方式", "方式"},
	"content":   {"抽查内容", "内容"},
	"category":  {"执法类别", "证件类别"},
}

// ReadMatters reads a 随机抽查事项清单 for agency. A ratio is a share (0.05)
// or a percentage (5%).
func ReadMatters(data []byte, format, agency string) ([]Matter, error) {
	t, err := newTable(data, format, matterFields, []string{"id", "name", "basis", "subject", "object", "ratio", "frequency", "method", "content"})
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	var out []Matter
	for i, row := range t.rows[1:] {
		line := i + 2
		if blank(row) {
			continue
		}
		m := Matter{ID: t.get(row, "id"), AgencyID: agency, Name: t.get(row, "name"), Basis: t.get(row, "basis"), Subject: t.get(row, "subject"), Object: t.get(row, "object"),
			Frequency: t.get(row, "frequency"), Method: t.get(row, "method"), Content: t.get(row, "content"), Category: t.get(row, "category")}
		for _, f := range []struct{ name, v string }{{"id", m.ID}, {"name", m.Name}, {"basis", m.Basis}, {"subject", m.Subject}, {"object", m.Object}, {"frequency", m.Frequency}, {"method", m.Method}, {"content", m.Content}} {
			if f.v == "" {
				t.fail(line, f.name, "is empty")
			}
		}
		r, err := ParseRatio(t.get(row, "ratio"))
		if err != nil {
			t.fail(line, "ratio", "%v", err)
		}
		m.Ratio = r
		if prev, dup := seen[m.ID]; dup && m.ID != "" {
			t.fail(line, "id", "%s is already on line %d", m.ID, prev)
		}
		seen[m.ID] = line
		out = append(out, m)
	}
	if t.errors != nil {
		return nil, &ImportError{t.errors}
	}
	if len(out) == 0 {
		return nil, &ImportError{[]LineError{{Line: 2, Field: "file", Message: "no matters after the header"}}}
	}
	return out, nil
}

// ParseRatio reads 0.05, 5% or 5％ as a share in (0, 1].
func ParseRatio(s string) (float64, error) {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%") || strings.HasSuffix(s, "％")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "%"), "％")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a share (0.05) or a percentage (5%%)", s)
	}
	if pct {
		v /= 100
	}
	if !(v > 0 && v <= 1) {
		return 0, fmt.Errorf("%v is not a share above 0 and at most 1 (100%%)", v)
	}
	return v, nil
}
