package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
)

// The tables' own columns (case_no, status, agency_id, case_id, seq …) are
// what queries filter and join on, so a value changed there but not in the
// signed JSON would be served unseen. Verify reads every column of every
// record table and checks it against the field of the same name in the
// signed record; a column with no such field must be listed in
// derivedColumns with how it is checked, so a new column is covered or the
// tests fail (TestEveryColumnCovered).

// recordTables are the tables whose rows are signed JSON in data.
var recordTables = []struct{ table, entity string }{
	{"agencies", "agency"}, {"power_items", "power_item"}, {"officers", "officer"}, {"cases", "case"},
	{"steps", "step"}, {"evidence", "evidence"}, {"documents", "document"},
}

// derivedColumns are columns that are not a field of the record: each is
// checked against what it is derived from.
var derivedColumns = map[string]func(rec map[string]any, v string) bool{
	// cases.decided_at: set exactly when the record carries a decision
	"cases.decided_at": func(rec map[string]any, v string) bool { return (v != "") == (rec["decision"] != nil) },
}

// columnValue is a record field as the column holds it.
func columnValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// verifyColumns reports, per table, the first rows whose columns differ
// from their signed record.
func (s *Store) verifyColumns(ctx context.Context, bad func(entity, id, why string)) error {
	for _, t := range recordTables {
		rows, err := s.db.QueryContext(ctx, `SELECT * FROM `+t.table)
		if err != nil {
			return fmt.Errorf("read %s: %w", t.table, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return err
		}
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return fmt.Errorf("read %s: %w", t.table, err)
			}
			var id, data string
			for i, c := range cols {
				switch c {
				case "id":
					id = vals[i].String
				case "data":
					data = vals[i].String
				}
			}
			var rec map[string]any
			if err := json.Unmarshal([]byte(data), &rec); err != nil {
				bad(t.entity, id, "record is not JSON: "+err.Error())
				continue
			}
			for i, c := range cols {
				if c == "id" || c == "data" {
					continue
				}
				v := vals[i].String
				if f, ok := derivedColumns[t.table+"."+c]; ok {
					if !f(rec, v) {
						bad(t.entity, id, fmt.Sprintf("column %s.%s = %q does not agree with the signed record (changed outside the system)", t.table, c, v))
					}
					continue
				}
				field, ok := rec[c]
				if !ok {
					bad(t.entity, id, fmt.Sprintf("column %s.%s has no field in the signed record to check it against", t.table, c))
					continue
				}
				if want := columnValue(field); want != v {
					bad(t.entity, id, fmt.Sprintf("column %s.%s = %q but the signed record says %q (changed outside the system)", t.table, c, v, want))
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
