// Command gen builds the law pack archives corpora/lawpack/*.tar.zst from a
// copy of the pack (../shared/corpora/lawpack): one archive for the national
// texts, one for the guiding cases, one per province. Each starts with
// MANIFEST.tsv (path, clean); texts that do not parse as articles are left
// out and listed in lawpack/skipped.tsv with the parser's reason.
//
//	go run ./corpora/lawpack/gen ../shared/corpora/lawpack corpora/lawpack
package main

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/klauspost/compress/zstd"

	"zhifa/corpora"
)

var provinces = map[string]string{
	"北京": "beijing", "上海": "shanghai", "浙江": "zhejiang", "山东": "shandong",
	"河南": "henan", "广东": "guangdong", "重庆": "chongqing",
}

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: gen SRC_LAWPACK OUT_DIR")
	}
	src, out := os.Args[1], os.Args[2]
	groups := map[string][]string{}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		base := d.Name()
		if !strings.HasSuffix(base, ".md") || base == "_index.md" || base == "SOURCES.md" {
			return nil // _index.md files are folder listings, not laws
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		groups[group(rel)] = append(groups[group(rel)], rel)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	var skipped []string
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range names {
		files := groups[g]
		sort.Strings(files)
		var manifest bytes.Buffer
		var kept []string
		clean := 0
		for _, rel := range files {
			data, err := os.ReadFile(filepath.Join(src, rel))
			if err != nil {
				log.Fatal(err)
			}
			c := false
			if g != "guiding" {
				_, ok, err := corpora.ParsePackFile(rel, data)
				if err != nil {
					msg := err.Error()
					if i := strings.Index(msg, ".md:"); i >= 0 {
						msg = msg[i+len(".md:"):]
					}
					skipped = append(skipped, rel+"\t"+msg)
					continue
				}
				c = ok
			}
			if c {
				clean++
			}
			fmt.Fprintf(&manifest, "%s\t%d\n", rel, map[bool]int{true: 1}[c])
			kept = append(kept, rel)
		}
		if err := write(filepath.Join(out, g+".tar.zst"), src, manifest.Bytes(), kept); err != nil {
			log.Fatal(err)
		}
		log.Printf("%s: %d texts (%d clean)", g, len(kept), clean)
	}
	sort.Strings(skipped)
	body := "path\treason\n" + strings.Join(skipped, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(out, "skipped.tsv"), []byte(body), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("skipped %d texts without articles (skipped.tsv)", len(skipped))
}

func group(rel string) string {
	parts := strings.Split(rel, "/")
	switch {
	case parts[0] == "案例":
		return "guiding"
	case parts[0] == "DLC" && len(parts) > 1:
		if g := provinces[strings.TrimSuffix(parts[1], "地方法规")]; g != "" {
			return g
		}
		log.Fatalf("unknown province folder %s", parts[1])
	}
	return "national"
}

// write makes a reproducible archive: fixed times, owner and order.
func write(path, src string, manifest []byte, files []string) error {
	var buf bytes.Buffer
	zw, err := zstd.NewWriter(&buf, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	when := time.Date(2025, 4, 19, 0, 0, 0, 0, time.UTC)
	add := func(name string, data []byte) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: when, Typeflag: tar.TypeReg, Format: tar.FormatPAX}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	if err := add("MANIFEST.tsv", manifest); err != nil {
		return err
	}
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(src, rel))
		if err != nil {
			return err
		}
		if err := add(rel, data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
