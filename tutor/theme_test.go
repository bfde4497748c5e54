package tutor

import (
	"image/color"
	"math"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/exp/golden"

	"pasapas/i18n"
)

// luminance is the WCAG relative luminance of a colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours, 1 to 21.
func contrast(a, b color.Color) float64 {
	x, y := luminance(a), luminance(b)
	if x < y {
		x, y = y, x
	}
	return (x + 0.05) / (y + 0.05)
}

func isSet(c color.Color) bool {
	_, ok := c.(lipgloss.NoColor)
	return c != nil && !ok
}

// TestColourContrast computes the contrast of every text colour of the
// look in colours with each background it is meant for — the dark palette
// on dark terminals, the light one on light terminals — and of the
// focused line's text with its own background: each is at least 4.5:1.
func TestColourContrast(t *testing.T) {
	for _, p := range []struct {
		name string
		pal  palette
	}{{"dark", darkPalette}, {"light", lightPalette}} {
		th := colourTheme(p.pal)
		styles := map[string]lipgloss.Style{
			"Title": th.Title, "Heading": th.Heading, "Text": th.Text, "Strong": th.Strong, "Muted": th.Muted,
			"Good": th.Good, "Bad": th.Bad, "Warn": th.Warn, "Selected": th.Selected, "Key": th.Key, "Header": th.Header,
		}
		for _, bgHex := range p.pal.backgrounds {
			bg := lipgloss.Color(bgHex)
			for name, st := range styles {
				fg := st.GetForeground()
				if !isSet(fg) {
					continue // the terminal's own colour
				}
				on := bg
				if b := st.GetBackground(); isSet(b) {
					on = b
				}
				if c := contrast(fg, on); c < 4.5 {
					t.Errorf("%s %s on %s: contrast %.2f:1, want 4.5:1 or more", p.name, name, bgHex, c)
				}
			}
			if c := contrast(th.Box.GetBorderTopForeground(), bg); c < 4.5 {
				t.Errorf("%s box border on %s: contrast %.2f:1", p.name, bgHex, c)
			}
		}
	}
}

var white = color.RGBA{0xff, 0xff, 0xff, 0xff}

// TestLightBackground: when Bubble Tea reports a light background, the
// look in colours takes its light palette, on screen and after the
// learner leaves; the other looks stay as they are.
func TestLightBackground(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.m.ctx.Theme, h.m.ctx.base.theme = defaultTheme(), defaultTheme()
	h.send(tea.BackgroundColorMsg{Color: white})
	want := lipgloss.Color(lightPalette.grey)
	if got := h.m.ctx.Theme.Muted.GetForeground(); contrast(got, want) != 1 {
		t.Fatalf("Muted is %v on a light background, want %s", got, lightPalette.grey)
	}
	h.newLearner("Claire") // the profile keeps « defaut »: still the light palette
	if got := h.m.ctx.Theme.Muted.GetForeground(); contrast(got, want) != 1 {
		t.Fatalf("after sign-in Muted is %v", got)
	}
	h.m.ctx.Theme = asciiTheme()
	h.send(tea.BackgroundColorMsg{Color: white})
	if h.m.ctx.Theme.Name != "ascii" {
		t.Fatal("the background changed the ASCII look")
	}
}

// TestGoldenScreensLight keeps a picture of every screen at 80×24 in the
// look in colours on a light background.
func TestGoldenScreensLight(t *testing.T) {
	h := loggedIn(t, defaultTheme(), goldenLib)
	h.send(tea.BackgroundColorMsg{Color: white})
	t.Run("clair-80x24", func(t *testing.T) {
		for _, ns := range allScreens(t, goldenLib) {
			t.Run(ns.name, func(t *testing.T) {
				h.show(ns, 80, 24)
				golden.RequireEqual(t, h.m.View().Content)
			})
		}
	})
}
