// Package quiz checks a learner's answer to a question and says what was
// right, what was forgiven and what to read next. Pure functions: no I/O, no
// user interface.
//
// The TUI presents a question with Present (choices shuffled, steps of an
// "ordre" question never shown already in order), collects an Answer, calls
// Check, then shows FeedbackFor and the lessons of Links. The store logs the
// Answer as JSON; everything in it refers to stable identifiers, never to
// positions on the screen, so authors may reorder choices freely.
//
// Free text is compared the way Pix compares it (tolerances T1, T2 and T3,
// see text.go); what the tolerances forgave is then described separately
// (forgive.go), so the learner is told, kindly, what to watch next time.
package quiz
