package stats

import (
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/xuri/excelize/v2"
)

// KindNames are the Chinese names of the kinds.
var KindNames = map[string]string{"licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制", "inspection": "行政检查", "expropriation": "行政征收征用", "confirmation": "行政确认", "other": "其他"}

// columnNames are the Chinese headers of the KindStats columns.
var columnNames = map[string]string{
	"cases": "立案数", "decided": "决定数", "fines": "罚款金额（元）", "fine_median": "罚款中位数（元）", "confiscations": "没收违法所得（元）", "confiscation_median": "没收中位数（元）",
	"hearings": "听证", "transfers": "涉嫌犯罪移送", "legal_reviews": "法制审核（环节）", "reviewed": "法制审核（首轮）", "first_round_passed": "首轮通过",
	"disclosure_on_time": "按时公示", "disclosure_late": "逾期公示", "disclosure_missing": "未公示",
	"reconsiderations": "行政复议", "reconsideration_upheld": "复议维持", "reconsideration_revoked": "复议撤销", "reconsideration_changed": "复议变更", "reconsideration_confirmed_illegal": "复议确认违法",
	"litigations": "行政诉讼", "litigation_upheld": "诉讼维持", "litigation_revoked": "诉讼撤销", "litigation_changed": "诉讼变更", "litigation_confirmed_illegal": "诉讼确认违法",
	"draws": "双随机抽取次数", "targets_drawn": "抽取对象数", "results": "录入检查结果", "result_no_problem": "未发现问题", "result_corrected": "发现问题已责令改正",
	"result_case_filed": "立案查处", "result_transferred": "移送处理", "result_unreachable": "无法联系",
}

type column struct {
	key   string
	money bool
	index int
}

// Columns are KindStats' JSON fields in order; money columns are in yuan.
func Columns() []string {
	var out []string
	for _, c := range columns() {
		out = append(out, c.key)
	}
	return out
}

func columns() []column {
	t := reflect.TypeOf(KindStats{})
	var out []column
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if !f.IsExported() || tag == "" {
			continue
		}
		out = append(out, column{key: tag, money: f.Type.Kind() == reflect.Float64, index: i})
	}
	return out
}

func (k *KindStats) value(c column) any {
	v := reflect.ValueOf(k).Elem().Field(c.index)
	if c.money {
		return v.Float()
	}
	return v.Int()
}

// Sheet names of the workbook.
const (
	SheetTotals   = "totals"
	SheetAgencies = "agencies"
	SheetNotes    = "notes"
)

// WriteXLSX writes the report as a workbook: one sheet per table (totals,
// agencies) with a Chinese and a field-name header row, both frozen, money
// as #,##0.00 and counts as #,##0; and a sheet of notes.
func WriteXLSX(w io.Writer, r Report) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetTotals); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetAgencies); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetNotes); err != nil {
		return err
	}
	cols := columns()
	intStyle, err := f.NewStyle(&excelize.Style{NumFmt: 3})
	if err != nil {
		return err
	}
	moneyStyle, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	table := func(sheet string, lead []string, rows [][]any, stats []*KindStats) error {
		zh := append([]any{}, anys(lead)...)
		en := append([]any{}, anys(lead)...)
		for _, c := range cols {
			zh = append(zh, columnNames[c.key])
			en = append(en, c.key)
		}
		if err := f.SetSheetRow(sheet, "A1", &zh); err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, "A2", &en); err != nil {
			return err
		}
		last, _ := excelize.CoordinatesToCellName(len(en), 2)
		if err := f.SetCellStyle(sheet, "A1", last, headStyle); err != nil {
			return err
		}
		for i, lr := range rows {
			vals := append([]any{}, lr...)
			for _, c := range cols {
				vals = append(vals, stats[i].value(c))
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+3)
			if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
				return err
			}
		}
		for j, c := range cols {
			col := len(lead) + j + 1
			top, _ := excelize.CoordinatesToCellName(col, 3)
			bottom, _ := excelize.CoordinatesToCellName(col, max(3, len(rows)+2))
			style := intStyle
			if c.money {
				style = moneyStyle
			}
			if err := f.SetCellStyle(sheet, top, bottom, style); err != nil {
				return err
			}
		}
		topLeft, _ := excelize.CoordinatesToCellName(len(lead)+1, 3)
		return f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: len(lead), YSplit: 2, TopLeftCell: topLeft, ActivePane: "bottomRight"})
	}
	var rows [][]any
	var ks []*KindStats
	for _, k := range Kinds {
		rows = append(rows, []any{k, KindNames[k]})
		ks = append(ks, r.Totals[k])
	}
	if err := table(SheetTotals, []string{"kind", "kind_name"}, rows, ks); err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	rows, ks = nil, nil
	for _, a := range r.Agencies {
		for _, k := range Kinds {
			rows = append(rows, []any{a.AgencyID, a.Name, k, KindNames[k]})
			ks = append(ks, a.Kinds[k])
		}
	}
	if err := table(SheetAgencies, []string{"agency_id", "agency_name", "kind", "kind_name"}, rows, ks); err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	notes := [][]any{{"year", r.Year}, {"agency", r.Agency}, {"not_recorded", strings.Join(r.NotRecorded, ", ")}}
	for _, n := range r.Notes {
		notes = append(notes, []any{"note", n})
	}
	for i, n := range notes {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(SheetNotes, cell, &n); err != nil {
			return fmt.Errorf("stats: xlsx: %w", err)
		}
	}
	_ = f.SetColWidth(SheetNotes, "B", "B", 120)
	return f.Write(w)
}

func anys(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
