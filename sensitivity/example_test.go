package sensitivity_test

import (
	"fmt"

	"github.com/grassroots-sim/grassroots/sensitivity"
)

// Rank two parameters by their effect on an outcome: y rises with a
// (as its square, not linearly) and does not depend on b.
func ExamplePRCC() {
	var a, b, y []float64
	for i := range 20 {
		ai, bi := float64(i), float64((i*7)%20)
		a, b = append(a, ai), append(b, bi)
		y = append(y, ai*ai+40*float64((i*13)%7)) // and noise
	}
	r, p, df, err := sensitivity.PRCC([][]float64{a, b}, y)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("a: PRCC %.2f, p %.3f\nb: PRCC %.2f, p %.3f\ndegrees of freedom: %d\n", r[0], p[0], r[1], p[1], df)
	// Output:
	// a: PRCC 0.70, p 0.001
	// b: PRCC 0.01, p 0.976
	// degrees of freedom: 17
}
