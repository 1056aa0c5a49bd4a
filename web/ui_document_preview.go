package web

import (
	"encoding/xml"
	"io"
	"strings"

	"zhifa/internal/safezip"
	"zhifa/records"
)

// The document preview: the paragraphs of the stored DOCX itself, so what
// the officer reads is what they download.

type docPreview struct {
	Doc   records.Document
	Paras []docPara
	Error string
}

type docPara struct {
	Text   string
	Center bool
}

func previewDocument(st *records.Store, docs []records.Document, id string) *docPreview {
	for _, d := range docs {
		if d.ID != id {
			continue
		}
		p := &docPreview{Doc: d}
		b, err := st.ReadFile(d.SHA256)
		if err == nil {
			p.Paras, err = docxParagraphs(b)
		}
		if err != nil {
			p.Error = "无法预览：" + err.Error()
		}
		return p
	}
	return &docPreview{Error: "没有这份文书：" + id}
}

// docxParagraphs reads word/document.xml: each paragraph's text and whether it is centred.
func docxParagraphs(b []byte) ([]docPara, error) {
	zr, err := safezip.NewReader(b)
	if err != nil {
		return nil, err
	}
	for _, f := range zr.Files {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := zr.Open(f)
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		dec := xml.NewDecoder(rc)
		var out []docPara
		var cur strings.Builder
		center, inText := false, false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return nil, err
			}
			switch t := tok.(type) {
			case xml.StartElement:
				inText = t.Name.Local == "t"
				if t.Name.Local == "jc" {
					for _, a := range t.Attr {
						center = center || a.Name.Local == "val" && a.Value == "center"
					}
				}
			case xml.EndElement:
				inText = false
				if t.Name.Local == "p" {
					out = append(out, docPara{Text: cur.String(), Center: center})
					cur.Reset()
					center = false
				}
			case xml.CharData:
				if inText {
					cur.Write(t)
				}
			}
		}
	}
	return nil, io.ErrUnexpectedEOF
}
