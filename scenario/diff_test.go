package scenario

import (
	"reflect"
	"testing"
)

func TestDiff(t *testing.T) {
	base, err := Load("full-programme", nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load("sustained-funding", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{Key: "follow_up.organization_funds_per_week", From: "0.0", To: "60.0"}}
	if got := Diff(&base.Config, &s.Config); !reflect.DeepEqual(got, want) {
		t.Fatalf("Diff = %+v, want %+v", got, want)
	}
	if got := Diff(&s.Config, &s.Config); got != nil {
		t.Fatalf("a scenario differs from itself: %+v", got)
	}
}
