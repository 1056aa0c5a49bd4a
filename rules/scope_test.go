package rules

// gdEco puts a case before a synthetic Guangdong 生态环境 agency (one the
// Guangdong benchmark binds) while the benchmark is in force.
func gdEco(in Input) Input {
	if in.Agency == "" && in.Region == "" {
		in.Agency = "广东省示例市生态环境局（合成）"
	}
	if in.DecisionDate == "" {
		in.DecisionDate = "2025-06-01"
	}
	return in
}
