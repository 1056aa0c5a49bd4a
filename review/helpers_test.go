package review

import (
	"context"
	"testing"

	"zhifa/records"
)

func openDemo(t testing.TB) *records.Store {
	t.Helper()
	st, err := records.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := records.LoadDemo(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}
