package scenario

import (
	"testing"

	"github.com/grassroots-sim/grassroots/scenarios"
)

func BenchmarkLoadBytes(b *testing.B) {
	data, _ := scenarios.Read("full-programme")
	for b.Loop() {
		if _, err := LoadBytes("x.toml", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}
