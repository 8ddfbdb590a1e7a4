package sensitivity

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/grassroots-sim/grassroots/report"
)

// WriteCSV writes the coefficients with columns
// outcome,parameter,prcc,p_value,n,df; undefined values are empty fields.
func WriteCSV(w io.Writer, cs []Coefficient) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"outcome", "parameter", "prcc", "p_value", "n", "df"}); err != nil {
		return err
	}
	for _, c := range cs {
		err := cw.Write([]string{c.Outcome, c.Parameter, report.FormatFloat(c.PRCC), report.FormatFloat(c.P), strconv.Itoa(c.N), strconv.Itoa(c.DF)})
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteMarkdown writes the coefficients as a Markdown table with one row
// per parameter and a PRCC (p) column per outcome, parameters in the order
// of their first appearance.
func WriteMarkdown(w io.Writer, cs []Coefficient) error {
	var params, outcomes []string
	cell := map[[2]string]Coefficient{}
	for _, c := range cs {
		params = appendNew(params, c.Parameter)
		outcomes = appendNew(outcomes, c.Outcome)
		cell[[2]string{c.Parameter, c.Outcome}] = c
	}
	line := "| parameter |"
	sep := "|---|"
	for _, o := range outcomes {
		line += " " + o + " |"
		sep += "---:|"
	}
	if _, err := io.WriteString(w, line+"\n"+sep+"\n"); err != nil {
		return err
	}
	for _, p := range params {
		line := "| " + p + " |"
		for _, o := range outcomes {
			c, ok := cell[[2]string{p, o}]
			switch {
			case !ok || math.IsNaN(c.PRCC):
				line += " – |"
			default:
				line += " " + strconv.FormatFloat(c.PRCC, 'f', 2, 64) + " (" + formatP(c.P) + ") |"
			}
		}
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// formatP writes a p-value for people: three decimals, or "<0.001".
func formatP(p float64) string {
	switch {
	case math.IsNaN(p):
		return "–"
	case p < 0.001:
		return "p<0.001"
	}
	return "p=" + strconv.FormatFloat(p, 'f', 3, 64)
}
