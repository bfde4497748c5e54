package tutor

import "strconv"

// rowNum is the number drawn before the i-th row of a list, with its
// ". ". The full interface numbers rows with one key each: 1 to 9, then
// a to z; rows past the 35th have none (the arrows, or the profile filter,
// reach them) and keep their place. The accessible mode numbers every row
// 1, 2, 3… whatever their count, since the learner types a whole line; it
// notes each row drawn, so a number or a word typed can be checked against
// what is on the screen.
func (c *Context) rowNum(i int, label string) string {
	if c.linear {
		if c.shown != nil {
			c.shown[i] = label
		}
		return strconv.Itoa(i+1) + ". "
	}
	if k := itemKey(i); k != " " {
		return k + ". "
	}
	return "   "
}

// rowMsg points a list at its i-th row: the accessible mode sends it for
// rows that have no key of their own (past the 35th).
type rowMsg struct{ i int }
