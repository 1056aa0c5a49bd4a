package review

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// ReportXLSX writes the sample report as a workbook: 机构 (one row per agency,
// the mean of each item) and 案卷 (one row per case and item, with the findings).
func ReportXLSX(rep SampleReport, std *Standard) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const ag, cs = "机构", "案卷"
	if err := f.SetSheetName("Sheet1", ag); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(cs); err != nil {
		return nil, err
	}
	head := []any{"机构", "抽查案卷数", "平均分", "最低分", "最高分"}
	for _, it := range std.Items {
		head = append(head, it.Item)
	}
	rows := [][]any{head}
	for _, a := range rep.Agencies {
		row := []any{a.AgencyID, a.Cases, a.Mean, a.Min, a.Max}
		for _, it := range std.Items {
			row = append(row, a.Items[it.Item])
		}
		rows = append(rows, row)
	}
	rows = append(rows, []any{}, []any{fmt.Sprintf("抽样：种子 %d，%s 至 %s，总体 %d 件，抽取 %d 件", rep.Seed, rep.From, rep.To, rep.Population, len(rep.Cases))})
	if err := writeRows(f, ag, rows); err != nil {
		return nil, err
	}
	rows = [][]any{{"案件", "机构", "评查项目", "得分", "满分", "扣分事由"}}
	for _, c := range rep.Cases {
		for _, it := range c.Items {
			why := ""
			for i, fd := range it.Findings {
				if i > 0 {
					why += "\n"
				}
				why += fd.Message + "（" + fd.Citation + "；" + fd.Record + "）"
			}
			rows = append(rows, []any{c.CaseID, c.AgencyID, it.Item, it.Score, it.Max, why})
		}
		rows = append(rows, []any{c.CaseID, c.AgencyID, "合计", c.Score, c.Max, ""})
	}
	if err := writeRows(f, cs, rows); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return err
		}
	}
	return nil
}
