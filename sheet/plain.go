package sheet

import (
	"html"
	"html/template"
)

// Plain is a paragraph of plain text: every character shown as typed (a
// name with a star or an underscore stays as it is), with French spacing
// before « : ; ! ? » as Markdown's paragraphs have.
func Plain(text string) Block {
	return Block{Kind: "text", Text: template.HTML("<p>" + html.EscapeString(frenchSpaces.Replace(clean(text))) + "</p>")}
}
