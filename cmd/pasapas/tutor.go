package main

import (
	"fmt"
	"io"
)

// runTutor starts the learner's interface.
func runTutor(args []string, lang interface{}, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "todo")
	return 0
}
