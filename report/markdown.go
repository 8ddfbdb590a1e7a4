package report

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// The inline Markdown that docs/model.md's prose uses.
var (
	mdStrong = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdEm     = regexp.MustCompile(`\*([^*\s][^*]*)\*`)
	mdCode   = regexp.MustCompile("`([^`]+)`")
)

// markdownList renders the bulleted lists of docs/model.md ("- item",
// nested by two spaces, continued on indented lines) with bold, italics
// and code as HTML. Other lines become paragraphs. It is not a Markdown
// implementation: it renders the documents of this repository.
func markdownList(md string) template.HTML {
	var b strings.Builder
	depth := 0 // open <ul> levels
	open := false
	closeItem := func() {
		if open {
			b.WriteString("</li>\n")
			open = false
		}
	}
	for _, line := range strings.Split(md, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		indent := (len(line) - len(trimmed)) / 2
		switch {
		case strings.HasPrefix(trimmed, "- "):
			level := indent + 1
			if level > depth {
				for depth < level {
					b.WriteString("\n<ul>\n")
					depth++
				}
				open = false
			} else {
				closeItem()
				for depth > level {
					b.WriteString("</ul>\n</li>\n")
					depth--
				}
			}
			b.WriteString("<li>" + inline(trimmed[2:]))
			open = true
		case trimmed == "":
		case depth > 0:
			b.WriteString(" " + inline(trimmed))
		default:
			b.WriteString("<p>" + inline(trimmed) + "</p>\n")
		}
	}
	closeItem()
	for ; depth > 0; depth-- {
		b.WriteString("</ul>\n")
		if depth > 1 {
			b.WriteString("</li>\n")
		}
	}
	return template.HTML(b.String())
}

func inline(s string) string {
	s = html.EscapeString(s)
	s = mdCode.ReplaceAllString(s, "<code>$1</code>")
	s = mdStrong.ReplaceAllString(s, "<strong>$1</strong>")
	return mdEm.ReplaceAllString(s, "<em>$1</em>")
}
