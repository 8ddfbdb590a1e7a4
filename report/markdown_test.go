package report

import (
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/docs"
)

func TestMarkdownList(t *testing.T) {
	got := string(markdownList("- **A.** one\n  more `x<y`\n  - *b* two\n- c\n"))
	want := "\n<ul>\n<li><strong>A.</strong> one more <code>x&lt;y</code>\n<ul>\n<li><em>b</em> two</li>\n</ul>\n</li>\n<li>c</li>\n</ul>\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

// The model's limits render with balanced lists.
func TestMarkdownListLimits(t *testing.T) {
	h := string(markdownList(docs.Limits()))
	if o, c := strings.Count(h, "<ul>"), strings.Count(h, "</ul>"); o != c || o == 0 {
		t.Fatalf("%d <ul> and %d </ul>", o, c)
	}
	if o, c := strings.Count(h, "<li>"), strings.Count(h, "</li>"); o != c {
		t.Fatalf("%d <li> and %d </li>", o, c)
	}
}
