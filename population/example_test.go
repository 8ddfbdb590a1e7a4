package population_test

import (
	"fmt"
	"strings"

	"github.com/grassroots-sim/grassroots/population"
)

// Read a community from its three CSV tables (here from strings; Read
// takes file paths). A bad cell is reported at its file, line and column.
func ExampleParse() {
	households := "household_id,building,income\nh1,A,3000\nh2,B,1500\n"
	residents := "resident_id,household_id,age,education,vulnerable,party_member\n" +
		"r1,h1,adult,middle,no,no\nr2,h1,child,,no,no\nr3,h2,elder,primary,yes,no\n"
	ties := "resident_a,resident_b,kind,strength\nr1,r3,neighbour,\n"
	p, err := population.Parse(
		population.Input{Name: "households.csv", R: strings.NewReader(households)},
		population.Input{Name: "residents.csv", R: strings.NewReader(residents)},
		population.Input{Name: "ties.csv", R: strings.NewReader(ties)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(p.Households), "households,", len(p.Residents), "residents,", p.Buildings, "buildings,", len(p.Ties), "tie")

	residents = strings.Replace(residents, "elder", "eldre", 1)
	_, err = population.Parse(
		population.Input{Name: "households.csv", R: strings.NewReader(households)},
		population.Input{Name: "residents.csv", R: strings.NewReader(residents)},
		population.Input{Name: "ties.csv", R: strings.NewReader(ties)})
	fmt.Println(err)
	// Output:
	// 2 households, 3 residents, 2 buildings, 1 tie
	// residents.csv:4:7: column "age": expected child, adult or elder, or an age in years from 0 to 130, got "eldre" (did you mean "elder"?)
}
