package records

import (
	"context"
	"errors"
	"testing"
)

// An agency's province must have a law pack; 浙江省 is stored as 浙江.
func TestAgencyProvince(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		a, err := s.PutAgency(ctx, Agency{ID: "syn-prov", Name: "合成局", Province: "浙江省"}, "test")
		if err != nil || a.Province != "浙江" {
			t.Fatalf("PutAgency(浙江省) = %+v, %v", a, err)
		}
		if got, err := s.GetAgency(ctx, "syn-prov"); err != nil || got.Province != "浙江" {
			t.Errorf("GetAgency: %+v, %v", got, err)
		}
		_, err = s.PutAgency(ctx, Agency{ID: "syn-prov", Name: "合成局", Province: "西藏"}, "test")
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "province" {
			t.Errorf("PutAgency(西藏): %v, want a field error naming province", err)
		}
	})
}
