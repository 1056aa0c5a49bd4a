// Command violgen writes corpora/violations/links.json, the violation
// catalog (违法行为库) derived from the law corpus: each penalty provision of
// a 法律责任 chapter, item by item, linked to the obligation provisions it
// sanctions, with the words each link rests on. Run from the repository root:
//
//	go run -tags ne ./rules/internal/violgen
//
// rules/violations_test.go checks every link against the texts and a
// hand-checked table.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"

	"zhifa/corpora"
	"zhifa/rules"
)

func main() {
	cat := rules.BuildViolationCatalog(corpora.Default())
	b, err := json.MarshalIndent(cat, "", " ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("corpora/violations/links.json", append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
	text, match := 0, 0
	for _, l := range cat.Links {
		if l.Kind == "text" {
			text++
		} else {
			match++
		}
	}
	fmt.Printf("%d links (%d from the text, %d by conduct); %d of %d penalty provisions covered\n", len(cat.Links), text, match, cat.Covered, cat.Penalties)
}
