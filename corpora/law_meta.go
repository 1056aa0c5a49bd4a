package corpora

import (
	"encoding/json"
	"fmt"
)

// Law statuses (时效性) as the sources give them.
const (
	StatusInForce  = "现行有效"
	StatusRepealed = "已废止"
)

// lawMeta is laws/META.json: short names and status corrections by file name.
type lawMeta struct {
	CurrentTo string `json:"current_to"` // date the shipped texts are current to (their snapshot)
	Laws      map[string]struct {
		ShortNames   []string `json:"short_names"`
		Status       string   `json:"status"`
		StatusSource string   `json:"status_source"`
		General      bool     `json:"general"`
		Level        string   `json:"level"`  // when the title and header do not tell it
		Issuer       string   `json:"issuer"` // idem
		CurrentTo    string   `json:"current_to"`
	} `json:"laws"`
}

func loadLawMeta() (*lawMeta, error) {
	data, err := FS.ReadFile("laws/META.json")
	if err != nil {
		return nil, fmt.Errorf("reading laws/META.json: %w", err)
	}
	var m lawMeta
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("laws/META.json: %w", err)
	}
	return &m, nil
}

func (m *lawMeta) apply(l *Law) {
	l.CurrentTo = m.CurrentTo
	e, ok := m.Laws[l.File]
	if !ok {
		return
	}
	if e.CurrentTo != "" {
		l.CurrentTo = e.CurrentTo
	}
	seen := map[string]bool{}
	var names []string
	for _, s := range append(append([]string(nil), e.ShortNames...), l.ShortNames...) {
		if !seen[s] {
			seen[s] = true
			names = append(names, s)
		}
	}
	l.ShortNames = names
	l.General = e.General
	if e.Level != "" {
		l.Level = e.Level
	}
	if e.Issuer != "" {
		l.Issuer = e.Issuer
	}
	if e.Status != "" {
		l.Status = e.Status
	}
}
