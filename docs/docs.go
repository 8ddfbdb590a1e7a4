// Package docs embeds the model description, so that reports quote its
// limits from the one place they are written.
package docs

import (
	_ "embed"
	"strings"
)

//go:embed model.md
var model string

// limitsHeading opens the section of model.md on what the model cannot tell.
const limitsHeading = "## 9. What the model cannot tell"

// Limits returns the body of model.md's section on what the model cannot
// tell, as Markdown, without its heading.
func Limits() string {
	_, body, ok := strings.Cut(model, limitsHeading)
	if !ok {
		return ""
	}
	if end := strings.Index(body, "\n## "); end >= 0 {
		body = body[:end]
	}
	return strings.TrimSpace(body)
}
