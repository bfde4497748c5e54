// Package content is the built-in library: the référentiel, the lessons and
// the question banks, as YAML files embedded in the binary so that Pas à pas
// works offline from a single file. Authors read these files first.
package content

import "embed"

// FS holds the built-in content, one folder per language.
//
//go:embed fr en
var FS embed.FS
