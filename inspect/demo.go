package inspect

import (
	"context"
	"errors"
	"fmt"

	"zhifa/nlp"
	"zhifa/records"
)

// DemoPlanID is the demo bureau's plan, drawable on a fresh demo directory.
const DemoPlanID = "demo"

func init() { records.RegisterDemo("inspect", LoadDemo) }

func demoCredit(prefix string, n int) string {
	s := fmt.Sprintf("%s440705MA%07d", prefix, n)
	c, _ := nlp.CreditCodeCheckChar(s)
	return s + string(c)
}

// DemoTargets are twenty synthetic food businesses of the demo county: four
// of high risk, eight medium, eight low.
func DemoTargets() []Target {
	var out []Target
	for i := 1; i <= 20; i++ {
		risk := "low"
		switch {
		case i <= 4:
			risk = "high"
		case i <= 12:
			risk = "medium"
		}
		kind, prefix, name := TargetEnterprise, "91", fmt.Sprintf("示例县合成食品有限公司%02d（虚构）", i)
		if i%5 == 0 {
			kind, prefix, name = TargetIndividual, "92", fmt.Sprintf("示例县合成食品店%02d（个体工商户，虚构）", i)
		}
		code := demoCredit(prefix, i)
		out = append(out, Target{ID: code, AgencyID: records.DemoAgencyID, Kind: kind, Name: name, CreditCode: code,
			Address: fmt.Sprintf("示例县人民路%d号（虚构）", 100+i), Industry: "食品销售", Risk: risk, Synthetic: true})
	}
	return out
}

// DemoMatter is the demo bureau's one 随机抽查事项.
func DemoMatter() Matter {
	return Matter{ID: "demo-jc-001", AgencyID: records.DemoAgencyID, Name: "食品经营者监督检查（合成演示）", Basis: "《中华人民共和国食品安全法》第一百一十条",
		Subject: "示例县市场监督管理局", Object: "辖区食品经营者", Ratio: 0.2, Frequency: "每年一次", Method: "现场检查",
		Content: "经营许可、进货查验记录、食品贮存、过期食品处置", Category: "市场监管"}
}

// DemoPlan draws half the high-risk targets, a quarter of the medium and an
// eighth of the low (2 + 2 + 1), two inspectors each; 张明 (demo-of-1) is
// recused from the first target.
func DemoPlan() Plan {
	return Plan{ID: DemoPlanID, AgencyID: records.DemoAgencyID, MatterID: "demo-jc-001", Name: "2026年食品经营者双随机抽查（合成演示）",
		Category: "市场监管", Stratified: true, RiskRatios: map[string]float64{"high": 0.5, "medium": 0.25, "low": 0.125}, InspectorsPerTarget: 2,
		Recusals:  []Recusal{{Inspector: "demo-of-1", Target: DemoTargets()[0].ID, Reason: "近亲属在该企业任职（虚构）"}},
		Synthetic: true}
}

// LoadDemo stores the demo registries and plan unless already there.
func LoadDemo(ctx context.Context, st *records.Store) error {
	var p Plan
	err := st.GetObject(ctx, KindPlan, DemoPlanID, &p)
	if err == nil {
		return nil
	}
	if !errors.As(err, new(*records.NotFoundError)) {
		return err
	}
	const actor = "demo-loader"
	if err := PutTargets(ctx, st, actor, DemoTargets()); err != nil {
		return err
	}
	if err := PutMatters(ctx, st, actor, []Matter{DemoMatter()}); err != nil {
		return err
	}
	_, err = PutPlan(ctx, st, actor, DemoPlan())
	return err
}
