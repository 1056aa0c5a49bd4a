// Package ziptest builds hostile archives for tests: synthetic packages
// that are small on the wire and large once inflated.
package ziptest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"strings"
)

// Bomb is a synthetic .docx whose word/document.xml inflates to at least
// size bytes of repeated paragraphs (about 1000:1). With lie, the central
// directory claims the part is 1000 bytes.
func Bomb(size int, lie bool) []byte {
	chunk := []byte(strings.Repeat("<w:p><w:r><w:t>合成测试文本</w:t></w:r></w:p>", 1000))
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	crc := crc32.NewIEEE()
	n := 0
	for ; n < size; n += len(chunk) {
		fw.Write(chunk)
		crc.Write(chunk)
	}
	fw.Close()
	declared := uint64(n)
	if lie {
		declared = 1000
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: declared})
	if err != nil {
		panic(err)
	}
	w.Write(raw.Bytes())
	zw.Close()
	return buf.Bytes()
}

// Archive is a zip of the named files.
func Archive(files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			panic(err)
		}
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}
