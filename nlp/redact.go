package nlp

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Span is one piece of personal data found by Redact: its byte span in the
// input, its kind (name, id_number, phone, address, bank_account, birth_date)
// and the original text.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
	Text  string `json:"text"`
}

// Redactor masks a series of texts of one case (the 信息摘要, then the
// 决定书 …): a natural person's name found in one text is masked in every
// later one, where it may appear with no label at all.
type Redactor struct {
	names map[string]bool
}

// NewRedactor returns a Redactor that knows no names yet.
func NewRedactor() *Redactor { return &Redactor{names: map[string]bool{}} }

// Know adds names of natural persons the caller already knows (the parties of
// a case record): they are masked wherever they occur.
func (r *Redactor) Know(names ...string) {
	for _, n := range names {
		n = strings.TrimSpace(n)
		if utf8.RuneCountInString(n) >= 2 && !strings.Contains(n, "某") {
			r.names[n] = true
		}
	}
}

// Redact masks natural persons' personal data for publication: names (张某,
// 张某某: surname kept), ID numbers (110101********123X: region and last
// four kept; a number the publisher masked in part loses its birth date too),
// birth dates (****年*月**日), mobile numbers (138****5678), landlines
// (010-****5678), addresses below district level (北京市朝阳区*****) and
// personal bank accounts (last four kept). Companies, 个体工商户 字号, credit
// codes, agencies and their collection accounts, officers' certificate
// numbers, document numbers, law names and money amounts stay visible. Spans
// are byte offsets into text, in order.
func Redact(text string) (string, []Span) { return NewRedactor().Redact(text) }

// Redact masks text as the package-level Redact does, and also every name
// this Redactor found in earlier texts or was told to Know.
func (r *Redactor) Redact(text string) (string, []Span) {
	flat, idx := joinWraps(text)
	f := newFinder(flat)
	f.breaks = breaksOf(idx)
	for n := range r.names {
		f.names[n] = true
	}
	f.run()
	for n := range f.names {
		r.names[n] = true
	}
	spans := f.spans
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var b strings.Builder
	b.Grow(len(text))
	out := make([]Span, 0, len(spans))
	prev := 0
	for _, sp := range spans {
		s, e := sp.Start, sp.End
		if idx != nil {
			s, e = idx[s], idx[e-1]+1
		}
		b.WriteString(text[prev:s])
		writeMasked(&b, text[s:e], mask(sp))
		prev = e
		out = append(out, Span{Start: s, End: e, Kind: sp.Kind, Text: text[s:e]})
	}
	b.WriteString(text[prev:])
	return b.String(), out
}

// writeMasked writes masked (one rune per rune of orig without its line
// breaks) and puts back the line breaks a wrapped original had.
func writeMasked(b *strings.Builder, orig, masked string) {
	if !strings.ContainsAny(orig, "\r\n") {
		b.WriteString(masked)
		return
	}
	m := []rune(masked)
	k := 0
	for _, r := range orig {
		if r == '\n' || r == '\r' {
			b.WriteRune(r)
			continue
		}
		if k < len(m) {
			b.WriteRune(m[k])
			k++
		}
	}
	for ; k < len(m); k++ {
		b.WriteRune(m[k])
	}
}

// finder holds the text being searched and what is already claimed: a byte
// is free, in a span, or protected (a credit code, 文号, 执法证号 or an
// agency's account that no later rule may mask).
type finder struct {
	text     string
	occ      []byte
	spans    []Span
	names    map[string]bool
	subjects []subject
	runs     [][]int // runs of number characters, found once
	breaks   []int   // byte offsets in text where a wrapped line was joined
}

// breaksOf lists where joinWraps removed a line break.
func breaksOf(idx []int) []int {
	var out []int
	for i := 1; i < len(idx); i++ {
		if idx[i] != idx[i-1]+1 {
			out = append(out, i)
		}
	}
	return out
}

const (
	occSpan      = 1
	occProtected = 2
)

func newFinder(text string) *finder {
	return &finder{text: text, occ: make([]byte, len(text)), names: map[string]bool{}}
}

func (f *finder) free(s, e int) bool {
	for i := s; i < e; i++ {
		if f.occ[i] != 0 {
			return false
		}
	}
	return true
}

func (f *finder) add(s, e int, kind string) bool {
	if s >= e || !f.free(s, e) {
		return false
	}
	for i := s; i < e; i++ {
		f.occ[i] = occSpan
	}
	f.spans = append(f.spans, Span{Start: s, End: e, Kind: kind, Text: f.text[s:e]})
	return true
}

func (f *finder) protect(s, e int) {
	for i := s; i < e; i++ {
		if f.occ[i] == 0 {
			f.occ[i] = occProtected
		}
	}
}

// run applies the rules, the surest first: what must stay, then numbers
// (validated or labelled), dates, names and their subjects, addresses, and
// last every other occurrence of a found name.
func (f *finder) run() {
	f.protectPublic()
	f.findIDs()
	f.findPhones()
	f.findBankAccounts()
	f.findBirthDates()
	f.findNames()
	f.findAddresses()
	f.maskNameOccurrences()
}

func isASCIIAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
}

// bounded reports whether text[s:e] is not part of a longer run of letters
// and digits.
func (f *finder) bounded(s, e int) bool {
	if s > 0 && isASCIIAlnum(f.text[s-1]) {
		return false
	}
	if e < len(f.text) && isASCIIAlnum(f.text[e]) {
		return false
	}
	return true
}

func mask(sp Span) string {
	t := strings.NewReplacer("\r", "", "\n", "").Replace(sp.Text)
	switch sp.Kind {
	case "name":
		sl := surnameLen(t)
		if sl == 0 {
			sl = 1
		}
		rs := []rune(t)
		if sl > len(rs) {
			sl = len(rs)
		}
		return string(rs[:sl]) + strings.Repeat("某", len(rs)-sl)
	case "id_number":
		return maskID(t)
	case "phone":
		return maskPhone(t)
	case "bank_account":
		return maskDigitsExceptLast(t, 4)
	case "birth_date":
		return maskDigitsExceptLast(t, 0)
	}
	return strings.Repeat("*", utf8.RuneCountInString(t))
}

// maskID masks the birth date of an ID number (the 7th to 14th characters,
// or 7th to 12th of an old 15-digit one), keeping the region code, the rest
// and any spaces as written.
func maskID(t string) string {
	n := 0
	for i := 0; i < len(t); i++ {
		if t[i] != ' ' {
			n++
		}
	}
	from, to := 6, 14
	if n == 15 {
		to = 12
	}
	var b strings.Builder
	k := 0
	for _, r := range t {
		if r == ' ' {
			b.WriteRune(r)
			continue
		}
		if k >= from && k < to {
			b.WriteByte('*')
		} else {
			b.WriteRune(r)
		}
		k++
	}
	return b.String()
}

// maskPhone keeps the first three digits of a mobile number, the area code
// of a landline, and the last four digits; separators stay as written.
func maskPhone(t string) string {
	var digits []int // rune positions of digits
	rs := []rune(t)
	for i, r := range rs {
		if r >= '0' && r <= '9' {
			digits = append(digits, i)
		}
	}
	keepHead := 0
	d := make([]rune, 0, len(digits))
	for _, i := range digits {
		d = append(d, rs[i])
	}
	ds := string(d)
	switch {
	case strings.HasPrefix(ds, "86") && len(ds) == 13:
		keepHead = 5
	case len(ds) == 11 && ds[0] == '1':
		keepHead = 3
	case ds != "" && ds[0] == '0':
		// area code: 010, 02x are three digits, the others four
		keepHead = 4
		if len(ds) > 1 && (ds[1] == '1' || ds[1] == '2') {
			keepHead = 3
		}
		// a separator after the area code shows where it ends
		for j, i := range digits {
			if j > 0 && j < len(digits) && i != digits[j-1]+1 {
				keepHead = j
				break
			}
		}
	}
	for j, i := range digits {
		if j >= keepHead && j < len(digits)-4 {
			rs[i] = '*'
		}
	}
	return string(rs)
}

// maskDigitsExceptLast replaces every digit but the last keep with *.
func maskDigitsExceptLast(t string, keep int) string {
	rs := []rune(t)
	n := 0
	for _, r := range rs {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	k := 0
	for i, r := range rs {
		if r >= '0' && r <= '9' {
			if k < n-keep {
				rs[i] = '*'
			}
			k++
		}
	}
	return string(rs)
}

func firstRuneOf(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
