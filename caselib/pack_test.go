package caselib

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// documentXML reads word/document.xml back out of a DOCX.
func documentXML(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			x, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(x)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestWritePack(t *testing.T) {
	t.Setenv("ZHIFA_CASELIB_DATABASE_URL", "")
	t.Setenv("ZHIFA_DATABASE_URL", "")
	ctx := context.Background()
	l := mustOpen(t, t.TempDir())
	if _, err := l.ImportJSONL(strings.NewReader(synthLib), "培训", nil); err != nil {
		t.Fatal(err)
	}
	// a masked case: the pack shows it masked
	l.Put(&Case{ID: "m1", Collection: "培训", Title: "丙某无证经营案（合成）", Text: "当事人李四，身份证号110101199003071234，无证经营。", Masked: true})
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Annotate(ctx, "s1", Annotation{Author: "王教员", Role: "trainer", Text: "注意保质期的认定方法", Quote: "超过保质期的酸奶"}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.SetExemplary(ctx, "s2", true, "李审核", "说理充分<&>"); err != nil {
		t.Fatal(err)
	}
	th, err := l.NewThread(ctx, "s2", "许可范围如何认定", "赵队员", "officer", "请教各位")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Comment(ctx, th.ID, "钱审核", "reviewer", "看营业执照的经营范围"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := l.WritePack(ctx, &buf, "培训"); err != nil {
		t.Fatal(err)
	}
	x := documentXML(t, buf.Bytes())
	for _, want := range []string{"案例培训资料：培训", "甲超市销售过期食品案（合成）", "乙店无证经营案（合成）", "注意保质期的认定方法", "超过保质期的酸奶",
		"典型/指导案例", "说理充分&lt;&amp;&gt;", "许可范围如何认定", "看营业执照的经营范围", "法制审核人员", "过期食品"} {
		if !strings.Contains(x, want) {
			t.Errorf("pack lacks %q", want)
		}
	}
	if strings.Contains(x, "110101199003071234") || strings.Contains(x, "李四") {
		t.Error("masked case shown unmasked")
	}
	if err := l.WritePack(ctx, io.Discard, "没有这个"); !IsNotFound(err) {
		t.Errorf("unknown collection: %v", err)
	}
}

func TestImportUpload(t *testing.T) {
	t.Setenv("ZHIFA_CASELIB_DATABASE_URL", "")
	t.Setenv("ZHIFA_DATABASE_URL", "")
	l := mustOpen(t, t.TempDir())
	res, err := l.ImportUpload("d7.txt", []byte("\n某局行政处罚决定书（合成）\n经查……"), "u")
	if err != nil || res.Imported != 1 || l.Get("d7").Title != "某局行政处罚决定书（合成）" {
		t.Fatalf("txt: %+v %v", res, err)
	}
	var buf bytes.Buffer
	if err := l.WritePack(context.Background(), &buf, ""); err == nil {
		t.Fatal("pack of unsaved library should find no cases")
	}
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	if err := l.WritePack(context.Background(), &buf, "u"); err != nil {
		t.Fatal(err)
	}
	// a pack reads back in as a .docx decision
	res, err = l.ImportUpload("pack.docx", buf.Bytes(), "u")
	if err != nil || res.Imported != 1 || !strings.Contains(l.Get("pack").Text, "某局行政处罚决定书（合成）") {
		t.Fatalf("docx: %+v %v", res, err)
	}
	res, err = l.ImportUpload("x.csv", []byte("id,title,text\n1,甲,乙\n,,\n"), "u")
	if err != nil || res.Imported != 1 || res.Skipped != 1 || res.Errors[0].Line != 3 {
		t.Fatalf("csv: %+v %v", res, err)
	}
	var fe *FieldError
	if _, err := l.ImportUpload("x.pdf", nil, "u"); err == nil || !asField(err, &fe) || fe.Field != "file" {
		t.Fatalf("pdf: %v", err)
	}
}

func asField(err error, fe **FieldError) bool {
	f, ok := err.(*FieldError)
	*fe = f
	return ok
}
