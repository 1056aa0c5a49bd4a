package nlp

// CutWithPart returns the precise-mode words of text (as Cut) and the words
// of text[from:to] as Cut(text[from:to]) would give them, cutting each
// sentence only once: the sentences of the part that are whole sentences of
// the text share their words, and only a part's first and last sentence, when
// it begins or ends inside a text sentence, are cut again. from and to must
// lie on character boundaries, 0 <= from <= to <= len(text).
func (s *Segmenter) CutWithPart(text string, from, to int) (whole, part []string) {
	sc := getScratch()
	defer putScratch(sc)
	words := func(out []string, sent string) []string {
		toks := s.appendSentence(sc.toks[:0], sent, 0, false, sc)
		for _, t := range toks {
			out = append(out, t.Text)
		}
		sc.toks = toks
		return out
	}
	sentences(text, func(off int, sent string) {
		end := off + len(sent)
		n := len(whole)
		whole = words(whole, sent)
		switch {
		case end <= from || off >= to:
			// outside the part
		case off >= from && end <= to:
			part = append(part, whole[n:]...)
		default:
			// the part begins or ends inside this sentence: cut its share alone
			part = words(part, text[max(off, from):min(end, to)])
		}
	})
	return whole, part
}
