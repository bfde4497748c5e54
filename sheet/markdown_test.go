package sheet

import "testing"

// TestBoldWordsApart: two bold words on one line stay two, whatever the
// letters between (a one-letter word with an accent included).
func TestBoldWordsApart(t *testing.T) {
	got := string(Markdown("Press the **à** key, with a finger on the **Alt Gr** key."))
	want := "Press the <strong>à</strong> key, with a finger on the <strong>Alt Gr</strong> key."
	if got != want {
		t.Errorf("Markdown = %q, want %q", got, want)
	}
}
