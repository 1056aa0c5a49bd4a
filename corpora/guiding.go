package corpora

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"zhifa/nlp"
)

// GuidingCollection is the case library collection the guiding cases are
// imported into by default (zhifa cases import --guiding).
const GuidingCollection = "指导案例"

// GuidingCase is one 指导案例 of the law pack (lawpack/guiding.tar.zst).
type GuidingCase struct {
	ID       string   // "guiding-" + a hash of its pack path: stable across imports
	Path     string   // 案例/消费购物/….md
	Title    string   // the case's name (张莉诉…案)
	Holding  string   // the pack's title line: the 裁判要点 in one sentence
	Keywords []string // 关键词
	Text     string   // the whole text, headings as lines, normalised
}

// GuidingCases returns the guiding cases of the pack, in archive order.
func GuidingCases() ([]GuidingCase, error) {
	files, err := ReadPack(PackGuiding)
	if err != nil {
		return nil, err
	}
	out := make([]GuidingCase, 0, len(files))
	for _, f := range files {
		out = append(out, parseGuiding(f.Path, string(f.Data)))
	}
	return out, nil
}

func parseGuiding(path, data string) GuidingCase {
	sum := sha256.Sum256([]byte(path))
	g := GuidingCase{ID: "guiding-" + hex.EncodeToString(sum[:6]), Path: path}
	var lines []string
	section := ""
	for _, raw := range strings.Split(data, "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "" || line == infoEnd || strings.HasPrefix(line, "<!--"):
			continue
		case strings.HasPrefix(line, "# "):
			g.Holding = nlp.Normalize(strings.TrimSpace(line[2:]))
			continue
		case strings.HasPrefix(line, "## "):
			section = nlp.Normalize(strings.TrimSpace(line[3:]))
			if g.Title == "" {
				g.Title = section
			}
			lines = append(lines, section)
			continue
		}
		line = nlp.Normalize(line)
		if section == "关键词" {
			g.Keywords = append(g.Keywords, strings.FieldsFunc(strings.TrimRight(line, "。."), func(r rune) bool { return r == '、' || r == '，' || r == ' ' })...)
		}
		lines = append(lines, line)
	}
	if g.Title == "" {
		g.Title = g.Holding
	}
	g.Text = strings.Join(lines, "\n")
	return g
}
