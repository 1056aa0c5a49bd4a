package caselib

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
)

// ImportUpload imports one uploaded file by its name's extension: .csv,
// .jsonl/.ndjson/.json (one case a line), or a single decision as .txt or
// .docx (id = file name without extension, title = first non-empty line).
func (l *Library) ImportUpload(name string, data []byte, collection string) (ImportResult, error) {
	return l.ImportUploadContext(context.Background(), name, data, collection)
}

// ImportUploadContext is ImportUpload that stops once ctx ends (the client
// has gone), returning its error.
func (l *Library) ImportUploadContext(ctx context.Context, name string, data []byte, collection string) (ImportResult, error) {
	res := ImportResult{Errors: []LineError{}}
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".csv":
		return l.ImportCSVContext(ctx, bytes.NewReader(data), collection, nil)
	case ".jsonl", ".ndjson", ".json", "":
		return l.ImportJSONLContext(ctx, bytes.NewReader(data), collection, nil)
	case ".txt", ".docx":
	default:
		return res, &FieldError{Field: "file", Message: fmt.Sprintf("unsupported file type %q (expected .jsonl, .csv, .txt or .docx)", ext)}
	}
	text := string(data)
	if ext == ".docx" {
		var err error
		if text, err = docxText(data); err != nil {
			res.Skipped++
			res.Errors = append(res.Errors, LineError{1, filepath.Base(name) + ": " + err.Error()})
			return res, nil
		}
	}
	title := ""
	for _, ln := range strings.Split(text, "\n") {
		if s := strings.TrimSpace(ln); s != "" {
			title = s
			break
		}
	}
	base := filepath.Base(name)
	id, _ := json.Marshal(strings.TrimSuffix(base, filepath.Ext(base)))
	if err := l.add(rawCase{ID: id, Title: title, Text: text}, collection); err != nil {
		res.Skipped++
		res.Errors = append(res.Errors, LineError{1, base + ": " + err.Error()})
		return res, nil
	}
	res.Imported++
	return res, nil
}
