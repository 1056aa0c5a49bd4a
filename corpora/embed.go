// Package corpora is the data that ships inside the binary: law and policy
// texts, discretion benchmarks, crime-transfer thresholds, sample cases; and
// the loaders that parse and normalise them.
package corpora

import "embed"

// FS holds every data file under corpora/ (each folder has its SOURCES.md).
//
//go:embed laws policy discretion transfer cases deadlines review violations disclosure
var FS embed.FS

// PackFS holds the law pack archives (lawpack/*.tar.zst, built by
// `go run ./corpora/lawpack/gen`; see lawpack/SOURCES.md).
//
//go:embed lawpack/*.tar.zst lawpack/skipped.tsv lawpack/SOURCES.md
var PackFS embed.FS
