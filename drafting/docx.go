package drafting

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/packager"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// GB/T 9704-2012 page: A4, margins top 37 left 28 right 26 bottom 35 mm, in twips (1 mm = 56.7 twips).
const (
	pageW, pageH                      = 11906, 16838
	marTop, marLeft, marRight, marBot = 2098, 1588, 1474, 1984
	marHeader, marFooter              = 851, 992
	linePitch                         = 579 // 28.95 pt, 22 lines in 225 mm
	// 28 characters of 3号 (16 pt) do not fit the 156 mm (442.2 pt) line at their natural width:
	// 27 do. A character grid with a negative charSpace (-849) squeezes them in Word, but
	// LibreOffice then gives every character two grid cells. Both honour a character spacing of
	// −0.3 pt (15.7 pt a character → 28 a line) on a line-only grid, so that is what is written.
	charSpacingTwentieths = -6

	titleFont, titlePt = "方正小标宋简体", 22   // 2号
	bodyFont, bodyPt   = "仿宋_GB2312", 16 // 3号
	pageNumFont        = "宋体"
	pageNumHalfPt      = 28 // 4号
)

// zipTime is every part's modification time, so the same draft gives the same bytes.
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// dosDate is zipTime as an MS-DOS date: (year-1980)<<9 | month<<5 | day.
const dosDate = (2026-1980)<<9 | 1<<5 | 1

// zipTimeExtra is zipTime as the Info-ZIP extended timestamp field (0x5455: flags 1, mtime).
func zipTimeExtra() []byte {
	b := []byte{0x55, 0x54, 5, 0, 1, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(b[5:], uint32(zipTime.Unix()))
	return b
}

const (
	relFooter       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
	relThumbnail    = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
	relStylesEffect = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
	ctFooter        = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
	footerPart      = "word/footer1.xml"
	fontTablePart   = "word/fontTable.xml"
	contentTypes    = "[Content_Types].xml"
)

// dropParts are parts of godocx's base document that a printed 文书 does not need: the
// thumbnail shows godocx's own sample page, stylesWithEffects is a 440 kB Word 2010 copy of styles.
var dropParts = map[string]string{
	"docProps/thumbnail.jpeg":    relThumbnail,
	"word/stylesWithEffects.xml": relStylesEffect,
}

// DOCX writes d as a deterministic .docx: same draft, same bytes. The document is built with
// godocx on a base package (see basePackage); the zip godocx saves is then rewritten with fixed
// timestamps and order.
func DOCX(d *Draft) ([]byte, error) {
	b, err := basePackage()
	if err != nil {
		return nil, err
	}
	rd, err := packager.Unpack(&b.pkg)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	setDefaults(rd)

	title := rd.AddEmptyParagraph()
	title.Justification(stypes.JustificationCenter)
	exactLines(title)
	text(title, d.Title, titleFont, titlePt)

	right := map[int]bool{}
	for _, i := range d.Right {
		right[i] = true
	}
	for i, para := range d.Paragraphs {
		p := rd.AddEmptyParagraph()
		switch {
		case i == 0 && docNumber.MatchString(para):
			p.Justification(stypes.JustificationCenter)
		case right[i]:
			// the 落款: flush right, four characters in from the margin (GB/T 9704 7.3.5.1), room for the seal above
			p.Justification(stypes.JustificationRight)
			p.Indent(&ctypes.Indent{Right: ptr(int(4 * bodyPt * 20))})
		default:
			p.Justification(stypes.JustificationBoth)
			p.Indent(&ctypes.Indent{FirstLineChars: ptr(200), FirstLine: ptr(uint64(2 * bodyPt * 20))})
		}
		exactLines(p)
		if right[i] && !right[i-1] {
			// two blank lines above the 落款: room for the seal
			p.GetCT().Property.Spacing.Before = ptr(uint64(2 * linePitch))
		}
		text(p, para, bodyFont, bodyPt)
	}
	rd.Document.Body.SectPr = &ctypes.SectionProp{
		FooterReference: &ctypes.FooterReference{Type: stypes.HdrFtrDefault, ID: b.footerID},
		PageSize:        &ctypes.PageSize{Width: ptr(uint64(pageW)), Height: ptr(uint64(pageH))},
		PageMargin: &ctypes.PageMargin{Top: ptr(marTop), Right: ptr(marRight), Bottom: ptr(marBot), Left: ptr(marLeft),
			Header: ptr(marHeader), Footer: ptr(marFooter), Gutter: ptr(0)},
		DocGrid: &ctypes.DocGrid{Type: stypes.DocGridLines, LinePitch: ptr(linePitch)},
	}
	setProperties(rd, d.Title)

	var saved bytes.Buffer
	if err := rd.Write(&saved); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return repack(saved.Bytes())
}

type basePkg struct {
	pkg      []byte
	footerID string
}

var (
	baseOnce sync.Once
	base     basePkg
	baseErr  error
)

// basePackage is godocx's new document made into a 文书 package once per process: only the
// default styles (no 文书 uses another; parsing godocx's 440 kB style sheet took most of the
// time per document), no thumbnail, the footer part with the page number, and the GB/T 9704
// fonts with their substitutes in the font table. godocx has no API for footers or the font
// table, so those parts are put into its file map as XML.
func basePackage() (basePkg, error) {
	baseOnce.Do(func() { base, baseErr = buildBase() })
	return base, baseErr
}

func buildBase() (basePkg, error) {
	rd, err := godocx.NewDocument()
	if err != nil {
		return basePkg{}, fmt.Errorf("docx base: %w", err)
	}
	rd.DocStyles.LatentStyle = nil
	rd.DocStyles.StyleList = slices.DeleteFunc(rd.DocStyles.StyleList, func(s ctypes.Style) bool {
		return s.Default == nil || (*s.Default != stypes.OnOffOne && *s.Default != stypes.OnOffTrue && *s.Default != stypes.OnOffOn)
	})
	dropUnused(rd)

	footerID := "rId" + strconv.Itoa(rd.Document.IncRelationID())
	rd.Document.DocRels.Relationships = append(rd.Document.DocRels.Relationships,
		&docx.Relationship{ID: footerID, Type: relFooter, Target: "footer1.xml"})
	if err := rd.ContentType.AddOverride("/"+footerPart, ctFooter); err != nil {
		return basePkg{}, fmt.Errorf("docx base: %w", err)
	}
	rd.FileMap.Store(footerPart, []byte(footerXML))

	v, ok := rd.FileMap.Load(fontTablePart)
	if !ok {
		return basePkg{}, fmt.Errorf("docx base: godocx's document has no %s", fontTablePart)
	}
	tbl := v.([]byte)
	end := bytes.LastIndex(tbl, []byte("</w:fonts>"))
	if end < 0 {
		return basePkg{}, fmt.Errorf("docx base: %s: no </w:fonts>", fontTablePart)
	}
	rd.FileMap.Store(fontTablePart, slices.Concat(tbl[:end], []byte(cjkFonts), tbl[end:]))

	var b bytes.Buffer
	if err := rd.Write(&b); err != nil {
		return basePkg{}, fmt.Errorf("docx base: %w", err)
	}
	return basePkg{b.Bytes(), footerID}, nil
}

// docNumber is a 文号 line (示县市监罚〔2026〕1号), centred under the title; a first line that
// merely contains one (案件名称：…（案号：…〔2026〕3号）) is body text.
var docNumber = regexp.MustCompile(`^\S{0,20}〔\d{4}〕\d+号$`)

// setDefaults makes 3号仿宋 at exact 28.95 pt lines the document default, so any run or
// paragraph without its own properties still follows GB/T 9704.
func setDefaults(rd *docx.RootDoc) {
	if rd.DocStyles.DocDefaults == nil {
		rd.DocStyles.DocDefaults = &ctypes.DocDefault{}
	}
	dd := rd.DocStyles.DocDefaults
	dd.RunProp = &ctypes.RunPropDefault{RunProp: &ctypes.RunProperty{
		Fonts:   &ctypes.RunFonts{Ascii: bodyFont, HAnsi: bodyFont, EastAsia: bodyFont, CS: bodyFont},
		Size:    ctypes.NewFontSize(2 * bodyPt),
		Spacing: ctypes.NewDecimalNum(charSpacingTwentieths),
		SizeCs:  ctypes.NewFontSizeCS(2 * bodyPt),
		Lang:    &ctypes.Lang{EastAsia: ptr("zh-CN")},
	}}
	dd.ParaProp = &ctypes.ParaPropDefault{ParaProp: &ctypes.ParagraphProp{
		Spacing:       exactSpacing(),
		Justification: ctypes.NewGenSingleStrVal(stypes.JustificationBoth),
	}}
}

func exactSpacing() *ctypes.Spacing {
	rule := stypes.LineSpacingRuleExact
	return &ctypes.Spacing{Before: ptr(uint64(0)), After: ptr(uint64(0)), Line: ptr(linePitch), LineRule: &rule}
}

// exactLines sets no space before/after and exact 28.95 pt lines.
func exactLines(p *docx.Paragraph) {
	p.Spacing(0, 0)
	sp := p.GetCT().Property.Spacing
	rule := stypes.LineSpacingRuleExact
	sp.Line, sp.LineRule = ptr(linePitch), &rule
}

// text adds a run in font name at pt points. godocx's Run.Font sets only the ascii/hAnsi
// slots, and Chinese text is laid out with the eastAsia one, so that is set on the run's XML type.
func text(p *docx.Paragraph, s, name string, pt uint64) {
	p.AddText(s).Font(name).Size(pt)
	ch := p.GetCT().Children
	rp := ch[len(ch)-1].Run.Property
	rp.Fonts.EastAsia, rp.Fonts.CS = name, name
	rp.SizeCs = ctypes.NewFontSizeCS(2 * pt)
}

// dropUnused removes dropParts and their relationships and content types.
func dropUnused(rd *docx.RootDoc) {
	drop := func(rels []*docx.Relationship) []*docx.Relationship {
		return slices.DeleteFunc(rels, func(r *docx.Relationship) bool {
			for _, t := range dropParts {
				if r.Type == t {
					return true
				}
			}
			return false
		})
	}
	rd.RootRels.Relationships = drop(rd.RootRels.Relationships)
	rd.Document.DocRels.Relationships = drop(rd.Document.DocRels.Relationships)
	rd.ContentType.Override = slices.DeleteFunc(rd.ContentType.Override, func(o docx.Override) bool {
		_, ok := dropParts[strings.TrimPrefix(o.PartName, "/")]
		return ok
	})
	for p := range dropParts {
		rd.FileMap.Delete(p)
	}
}

// setProperties writes the document's title into its core properties (shown
// by file managers) and replaces what godocx's template says of itself (creator
// gomutex, "generated by godocx", a 2013 date, Microsoft Word as the application).
func setProperties(rd *docx.RootDoc, title string) {
	stamp := zipTime.Format(time.RFC3339)
	edit := func(part string, pairs ...string) {
		v, ok := rd.FileMap.Load(part)
		if !ok {
			return
		}
		rd.FileMap.Store(part, []byte(strings.NewReplacer(pairs...).Replace(string(v.([]byte)))))
	}
	edit("docProps/core.xml",
		"<dc:title/>", "<dc:title>"+xmlText(title)+"</dc:title>",
		"<dc:creator>gomutex</dc:creator>", "<dc:creator>zhifa</dc:creator>",
		"<dc:description>generated by godocx</dc:description>", "<dc:description/>",
		"2013-12-23T23:15:00Z", stamp)
	edit("docProps/app.xml",
		"<Application>Microsoft Macintosh Word</Application>", "<Application>zhifa</Application>")
}

func ptr[T any](v T) *T { return &v }

// footerXML is the page number "— N —" (4号宋体, centred) as a PAGE field.
var footerXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
	numRun(`<w:t xml:space="preserve">— </w:t>`) + numRun(`<w:fldChar w:fldCharType="begin"/>`) +
	numRun(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`) + numRun(`<w:fldChar w:fldCharType="separate"/>`) +
	numRun(`<w:t>1</w:t>`) + numRun(`<w:fldChar w:fldCharType="end"/>`) + numRun(`<w:t xml:space="preserve"> —</w:t>`) +
	`</w:p></w:ftr>`

func numRun(content string) string {
	return fmt.Sprintf(`<w:r><w:rPr><w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s"/><w:sz w:val="%[2]d"/><w:szCs w:val="%[2]d"/></w:rPr>%[3]s</w:r>`,
		pageNumFont, pageNumHalfPt, content)
}

// cjkFonts are the fonts GB/T 9704 names, with the substitute LibreOffice and Word use where
// they are not installed (as on most Linux machines).
var cjkFonts = func() string {
	var b strings.Builder
	for _, f := range []string{titleFont, bodyFont, pageNumFont} {
		fmt.Fprintf(&b, `<w:font w:name="%s"><w:altName w:val="Noto Serif CJK SC"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`, f)
	}
	return b.String()
}()

// repack rewrites the package godocx saved with every part at the fixed time,
// [Content_Types].xml first and the rest in name order (the determinism does not rest on how
// godocx happens to write its zip). Parts keep their compressed bytes.
func repack(saved []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(saved), int64(len(saved)))
	if err != nil {
		return nil, fmt.Errorf("docx: reading the saved package: %w", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		switch {
		case a.Name == b.Name:
			return 0
		case a.Name == contentTypes:
			return -1
		case b.Name == contentTypes:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	var out bytes.Buffer
	out.Grow(len(saved))
	zw := zip.NewWriter(&out)
	for _, f := range files {
		hdr := &zip.FileHeader{Name: f.Name, Method: f.Method, Modified: zipTime, Extra: zipTimeExtra(),
			CRC32: f.CRC32, CompressedSize64: f.CompressedSize64, UncompressedSize64: f.UncompressedSize64}
		// CreateRaw, unlike CreateHeader, writes the header as given: the MS-DOS time fields and
		// the extended-timestamp field are filled here as CreateHeader would from Modified.
		//lint:ignore SA1019 the MS-DOS fields are what CreateRaw writes
		hdr.ModifiedDate, hdr.ModifiedTime = dosDate, 0
		w, err := zw.CreateRaw(hdr)
		if err != nil {
			return nil, fmt.Errorf("docx %s: %w", f.Name, err)
		}
		r, err := f.OpenRaw()
		if err != nil {
			return nil, fmt.Errorf("docx %s: %w", f.Name, err)
		}
		if _, err := io.Copy(w, r); err != nil {
			return nil, fmt.Errorf("docx %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return out.Bytes(), nil
}

// xmlText escapes s for an XML text node.
func xmlText(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
