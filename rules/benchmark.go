package rules

import (
	"fmt"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
)

// BenchmarkFile is one published discretion benchmark (裁量基准) as data: the
// Jiangmen tier table, the Guangdong weighted table, or an agency's own file
// in the same format.
type BenchmarkFile struct {
	Name       string `json:"name"`                  // 基准名称
	Document   string `json:"document,omitempty"`    // 文号
	ValidFrom  string `json:"valid_from,omitempty"`  // YYYY-MM-DD
	ValidUntil string `json:"valid_until,omitempty"` // YYYY-MM-DD; after it the benchmark is expired
	Source     string `json:"source,omitempty"`
	// Scope is whom the benchmark binds: the agencies its issuer governs.
	Scope     *BenchmarkScope  `json:"scope"`
	Rows      int              `json:"rows,omitempty"`           // rows of the source table (tier model)
	Evaluable int              `json:"evaluable_rows,omitempty"` // rows whose condition is an expression
	Entries   []BenchmarkEntry `json:"entries"`
}

// BenchmarkScope is the region and sector of the agencies a benchmark binds:
// 粤环发〔2021〕7号 binds the 生态环境 agencies of 广东省.
type BenchmarkScope struct {
	Region string `json:"region"`           // 广东省, 广东省江门市 …
	Sector string `json:"sector"`           // 生态环境, 市场监管 …
	Issuer string `json:"issuer,omitempty"` // 广东省生态环境厅 …
}

// BenchmarkEntry is one violation in a benchmark.
type BenchmarkEntry struct {
	ID        string          `json:"id"`
	Model     string          `json:"model"`            // "tiers" (档次表) | "weights" (权重累加)
	Source    string          `json:"source,omitempty"` // jiangmen, guangdong, or the agency's name
	No        string          `json:"no,omitempty"`     // 序号 in the source table
	Sheet     string          `json:"sheet,omitempty"`
	Violation string          `json:"violation"`            // 违法行为
	BasisText string          `json:"basis_text,omitempty"` // 法律依据 as published
	Citations []EntryCitation `json:"citations"`            // the first is the 处罚条款 the entry is matched on
	Tiers     []Tier          `json:"tiers,omitempty"`      // model "tiers"
	Weights   *WeightModel    `json:"weights,omitempty"`    // model "weights"
	Caveats   []string        `json:"caveats,omitempty"`    // said in the output whenever the entry is used
}

// EntryCitation is a citation of the entry's legal basis.
type EntryCitation struct {
	Citation  string `json:"citation"`
	Law       string `json:"law"`
	Version   string `json:"version,omitempty"` // "2017年修订" as the benchmark cites it
	Article   int    `json:"article"`
	Suffix    string `json:"article_suffix,omitempty"`
	Paragraph int    `json:"paragraph,omitempty"`
	Item      int    `json:"item,omitempty"`
	Role      string `json:"role,omitempty"` // "violated" (违反条款) or "" (处罚依据)
}

// Tier is one 裁量档次 of a tier-table entry.
type Tier struct {
	Level     string   `json:"level"`              // 类别/档次 as published ("1", "2" …)
	Condition string   `json:"condition"`          // 裁量情节, original text
	Expr      string   `json:"expr,omitempty"`     // expr-lang over amounts; "" = text only, the officer decides
	Requires  []string `json:"requires,omitempty"` // amount keys Expr reads
	Standard  string   `json:"standard"`           // 裁量标准, original text
	Note      string   `json:"note,omitempty"`     // 备注
	Fine      TierFine `json:"fine"`
	Daily     bool     `json:"daily,omitempty"`      // 按日连续处罚 applies
	BasisText string   `json:"basis_text,omitempty"` // when this row cites a different basis
	BasisCits []string `json:"basis_citations,omitempty"`

	prog *vm.Program
}

// TierFine is the fine of a tier: a range, a fixed sum, a rate of a base amount
// (总投资额百分之一以上百分之二以下) or a multiple of one; "text" when the
// standard cannot be computed (e.g. 所收费用三倍).
type TierFine struct {
	Kind      string  `json:"kind"` // range | fixed | rate | multiple | text
	Min       float64 `json:"min,omitempty"`
	Max       float64 `json:"max,omitempty"`
	PersonMin float64 `json:"person_min,omitempty"` // 对个人 range where the standard gives one
	PersonMax float64 `json:"person_max,omitempty"`
	Base      string  `json:"base,omitempty"` // amount key for rate/multiple
	MinRate   float64 `json:"min_rate,omitempty"`
	MaxRate   float64 `json:"max_rate,omitempty"`
	MinTimes  float64 `json:"min_times,omitempty"`
	MaxTimes  float64 `json:"max_times,omitempty"`
	Cap       float64 `json:"cap,omitempty"` // 最高不超过
}

// WeightModel is the 权重累加 model of 粤环发〔2021〕7号 第六条: the fine is
// min(100%, 裁量起点 + Σ weights) × the statutory maximum.
type WeightModel struct {
	Start        float64  `json:"start"`                 // 裁量起点, percent
	Factors      []Factor `json:"factors"`               // 裁量要素
	MaxFine      float64  `json:"max_fine"`              // 法定最高罚款 the percentage multiplies
	StatutoryMin float64  `json:"statutory_min"`         // 法定最低罚款: the result never goes below it
	MinPercent   float64  `json:"min_percent,omitempty"` // 裁量百分值总和不足 X% 的按 X% 计算
	Formula      string   `json:"formula"`               // 备注 as published
	Page         int      `json:"page,omitempty"`        // page of 附件1
	Section      string   `json:"section,omitempty"`     // §2.7.1
}

// Factor is one 裁量要素 with its levels (违法程度) and weights (裁量权重).
type Factor struct {
	Name   string        `json:"name"`
	Levels []FactorLevel `json:"levels"`
}

// FactorLevel is one 违法程度 of a factor.
type FactorLevel struct {
	Level  string  `json:"level"`
	Weight float64 `json:"weight"` // percent
}

// exprEnv is what a tier expression sees: every amount key, 0 when absent.
func exprEnv(amounts map[string]float64) map[string]any {
	env := make(map[string]any, len(AmountKeys))
	for k := range AmountKeys {
		env[k] = 0.0
	}
	for k, v := range amounts {
		env[k] = v
	}
	return env
}

// compile checks an entry and compiles its expressions; the error names the field.
func (e *BenchmarkEntry) compile() error {
	if strings.TrimSpace(e.ID) == "" {
		return fmt.Errorf("id: empty")
	}
	if strings.TrimSpace(e.Violation) == "" {
		return fmt.Errorf("violation: empty")
	}
	if len(e.Citations) == 0 {
		return fmt.Errorf("citations: at least one citation is required")
	}
	for i, c := range e.Citations {
		if c.Law == "" || c.Article <= 0 {
			return fmt.Errorf("citations[%d]: law and article are required", i)
		}
	}
	switch e.Model {
	case "tiers":
		if len(e.Tiers) == 0 {
			return fmt.Errorf("tiers: a tier model needs at least one tier")
		}
		for i := range e.Tiers {
			t := &e.Tiers[i]
			if err := t.Fine.check(); err != nil {
				return fmt.Errorf("tiers[%d].fine.%w", i, err)
			}
			for _, k := range t.Requires {
				if _, ok := AmountKeys[k]; !ok {
					return fmt.Errorf("tiers[%d].requires: unknown amount key %q", i, k)
				}
			}
			if t.Expr == "" {
				continue
			}
			p, err := expr.Compile(t.Expr, expr.Env(exprEnv(nil)), expr.AsBool())
			if err != nil {
				return fmt.Errorf("tiers[%d].expr: %v", i, err)
			}
			t.prog = p
		}
	case "weights":
		w := e.Weights
		if w == nil {
			return fmt.Errorf("weights: a weights model needs its table")
		}
		if w.MaxFine <= 0 {
			return fmt.Errorf("weights.max_fine: must be positive")
		}
		if w.StatutoryMin < 0 || w.StatutoryMin > w.MaxFine {
			return fmt.Errorf("weights.statutory_min: must be between 0 and max_fine")
		}
		if w.Start < 0 || w.Start > 100 {
			return fmt.Errorf("weights.start: a percentage 0–100")
		}
		for i, f := range w.Factors {
			if f.Name == "" || len(f.Levels) == 0 {
				return fmt.Errorf("weights.factors[%d]: name and levels are required", i)
			}
			for j, l := range f.Levels {
				if l.Level == "" || l.Weight < 0 || l.Weight > 100 {
					return fmt.Errorf("weights.factors[%d].levels[%d]: a level text and a weight 0–100", i, j)
				}
			}
		}
	default:
		return fmt.Errorf("model: must be \"tiers\" or \"weights\", got %q", e.Model)
	}
	return nil
}

func (f TierFine) check() error {
	switch f.Kind {
	case "range", "fixed":
		if f.Min < 0 || f.Max < f.Min {
			return fmt.Errorf("min/max: need 0 <= min <= max")
		}
	case "rate":
		if _, ok := AmountKeys[f.Base]; !ok {
			return fmt.Errorf("base: unknown amount key %q", f.Base)
		}
		if f.MinRate < 0 || f.MaxRate < f.MinRate {
			return fmt.Errorf("min_rate/max_rate: need 0 <= min_rate <= max_rate")
		}
	case "multiple":
		if _, ok := AmountKeys[f.Base]; !ok {
			return fmt.Errorf("base: unknown amount key %q", f.Base)
		}
		if f.MinTimes < 0 || f.MaxTimes < f.MinTimes {
			return fmt.Errorf("min_times/max_times: need 0 <= min_times <= max_times")
		}
	case "text":
	default:
		return fmt.Errorf("kind: must be range, fixed, rate, multiple or text, got %q", f.Kind)
	}
	return nil
}
