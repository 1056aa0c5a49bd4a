package drafting

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Every kind, rendered by LibreOffice (ZHIFA_RENDER=1; it takes a while and
// needs soffice and pdftotext): the PDF carries the title, the 文号 where the
// kind has one, and the decision's 落款 and date. The pages are looked at by
// eye with scripts/render-docx.sh (docs/).
func TestRenderEveryKind(t *testing.T) {
	if os.Getenv("ZHIFA_RENDER") == "" {
		t.Skip("set ZHIFA_RENDER=1 to render through LibreOffice")
	}
	for _, tool := range []string{"soffice", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	for _, kind := range Kinds() {
		d, err := Fill(kind, sample())
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(dir, kind+".docx")
		if err := os.WriteFile(src, mustDOCX(t, d), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("soffice", "--headless", "--convert-to", "pdf", "--outdir", dir, src).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v %s", kind, err, out)
		}
		txt, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, kind+".pdf"), "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", kind, err)
		}
		s := strings.ReplaceAll(string(txt), " ", "")
		if !strings.Contains(s, strings.ReplaceAll(d.Title, " ", "")) {
			t.Errorf("%s: the rendered PDF lacks its title", kind)
		}
		if kind == "行政处罚决定书" {
			for _, w := range []string{"示市监罚〔2026〕12号", "示例市市场监督管理局（印章）", "2026年11月22日", "申请人民法院强制执行"} {
				if !strings.Contains(s, w) {
					t.Errorf("%s: the rendered PDF lacks %q", kind, w)
				}
			}
			// the 落款 is flush right: far more leading space than an indented paragraph's first line
			lead := func(w string) int {
				for _, line := range strings.Split(string(txt), "\n") {
					if strings.Contains(line, w) {
						return len(line) - len(strings.TrimLeft(line, " "))
					}
				}
				return -1
			}
			if sig, body := lead("示例市市场监督管理局（印章）"), lead("当事人应当自收到"); sig < 2*body+4 {
				t.Errorf("the 落款 is not flush right: %d leading columns, an indented paragraph %d", sig, body)
			}
		}
	}
}
