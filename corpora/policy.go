package corpora

import (
	"io/fs"
	"strings"
	"sync"

	"zhifa/nlp"
)

var (
	policyOnce sync.Once
	policies   map[string]string
)

// Policies returns the policy texts (实施方案) under policy/, normalised
// (traditional → simplified, pinyin debris removed), keyed by file name.
func Policies() map[string]string {
	policyOnce.Do(func() {
		policies = map[string]string{}
		entries, err := fs.ReadDir(FS, "policy")
		if err != nil {
			panic("corpora: embedded policy texts: " + err.Error())
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
				continue
			}
			data, err := FS.ReadFile("policy/" + e.Name())
			if err != nil {
				panic("corpora: embedded policy texts: " + err.Error())
			}
			policies[e.Name()] = nlp.Normalize(string(data))
		}
	})
	out := make(map[string]string, len(policies))
	for k, v := range policies {
		out[k] = v
	}
	return out
}
