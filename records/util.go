package records

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"strings"
)

func splitOn(s string, sep byte) []string { return strings.Split(s, string(sep)) }
func trimSpace(s string) string           { return strings.TrimSpace(s) }

// newID returns a random 16-hex-char id with a prefix.
func newID(prefix string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

// fileSum pulls "sha256" out of an evidence or document record's JSON.
func fileSum(data string) string {
	var v struct {
		SHA256 string `json:"sha256"`
	}
	_ = jsonUnmarshal([]byte(data), &v)
	return v.SHA256
}

var jsonUnmarshal = json.Unmarshal
