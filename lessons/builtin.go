package lessons

import "pasapas/content"

// Builtin is the built-in library embedded in the binary. Its paths are
// shown as content/…, where authors find the files in the source tree.
func Builtin() Tree { return Tree{FS: content.FS, Name: "content", builtin: true} }
