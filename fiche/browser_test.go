package fiche

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"pasapas/sheet"
)

// The printed pages are checked in a real browser: headless Chromium
// prints them to PDF, and Debian's poppler-utils read the PDF back
// (pdfinfo: pages and size; pdftotext: the words and where they are;
// pdffonts: the fonts). .ci/run installs chromium, poppler-utils and
// fonts-dejavu-core; without them a plain go test skips these tests, and
// with CI=true they fail instead.

var tools = []string{"chromium", "pdftotext", "pdfinfo", "pdffonts"}

// needBrowser skips the test, saying why, when a tool is missing; under
// CI=true the test fails instead.
func needBrowser(t *testing.T) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing: CI must print the sheets in a real browser (apt-get install chromium poppler-utils)", tool)
			}
			t.Skipf("SKIP: %s is not installed: the printed sheets are not checked in a browser (apt-get install chromium poppler-utils fonts-dejavu-core; CI=true makes this a failure)", tool)
		}
	}
}

// browserSlots keeps two Chromiums at most at a time: the machine has two
// cores.
var browserSlots = make(chan struct{}, 2)

// printPDF writes the document as HTML and has Chromium print it to PDF.
func printPDF(t *testing.T, d sheet.Document, name string) (htmlPath, pdfPath string) {
	t.Helper()
	dir := t.TempDir()
	htmlPath = filepath.Join(dir, name+".html")
	pdfPath = filepath.Join(dir, name+".pdf")
	if err := sheet.WriteFile(htmlPath, d); err != nil {
		t.Fatal(err)
	}
	browserSlots <- struct{}{}
	defer func() { <-browserSlots }()
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--no-pdf-header-footer", "--print-to-pdf="+pdfPath, "file://"+htmlPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	if _, err := os.Stat(pdfPath); err != nil {
		t.Fatalf("chromium printed no PDF: %v", err)
	}
	return htmlPath, pdfPath
}

// pdfFacts is what poppler reads in a PDF.
type pdfFacts struct {
	Pages         int
	Width, Height float64  // of the first page, in points
	Text          string   // pdftotext's, spaces folded
	Fonts         []string // names, as pdffonts lists them
	Unembedded    []string
	// MinWordHeight is the height of the smallest word's box, in points:
	// a font's size times its ascent plus descent.
	MinWordHeight float64
}

var (
	pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
	sizeLine  = regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`)
	wordBox   = regexp.MustCompile(`yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"`)
	spaces    = regexp.MustCompile(`[\s\x{00a0}\x{202f}]+`)
)

func readPDF(t *testing.T, pdf string) pdfFacts {
	t.Helper()
	run := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return string(out)
	}
	var f pdfFacts
	info := run("pdfinfo", pdf)
	if m := pagesLine.FindStringSubmatch(info); m != nil {
		f.Pages, _ = strconv.Atoi(m[1])
	}
	if m := sizeLine.FindStringSubmatch(info); m != nil {
		f.Width, _ = strconv.ParseFloat(m[1], 64)
		f.Height, _ = strconv.ParseFloat(m[2], 64)
	}
	f.Text = fold(run("pdftotext", "-enc", "UTF-8", pdf, "-"))
	f.MinWordHeight = 1e9
	for _, m := range wordBox.FindAllStringSubmatch(run("pdftotext", "-bbox", pdf, "-"), -1) {
		y0, _ := strconv.ParseFloat(m[1], 64)
		y1, _ := strconv.ParseFloat(m[2], 64)
		f.MinWordHeight = min(f.MinWordHeight, y1-y0)
	}
	lines := strings.Split(run("pdffonts", pdf), "\n")
	for _, l := range lines[min(2, len(lines)):] {
		fields := strings.Fields(l)
		if len(fields) < 5 {
			continue
		}
		name := fields[0]
		if _, short, ok := strings.Cut(name, "+"); ok {
			name = short
		}
		f.Fonts = append(f.Fonts, name)
		// emb is the third column from the end but for "obj ID": name
		// type… encoding emb sub uni object ID.
		if fields[len(fields)-5] != "yes" {
			f.Unembedded = append(f.Unembedded, name)
		}
	}
	return f
}

// fold writes every run of spaces (line ends, non-breaking spaces) as
// one space, so a text is found across the lines a page wraps.
func fold(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// plain is a lesson text as it prints: without the Markdown marks.
func plain(s string) string {
	return fold(strings.NewReplacer("**", "", "__", "", "*", "", "_", "").Replace(s))
}

// dejaVuBox is DejaVu Sans's ascent plus descent, for one point of size:
// pdftotext's word boxes are that tall.
const dejaVuBox = 0.928 + 0.236

// checkPrint checks what every printed sheet must be: A4, fonts embedded
// and DejaVu Sans (which .ci/run installs), no word smaller than body text.
func checkPrint(t *testing.T, name string, f pdfFacts) {
	t.Helper()
	if f.Width < 594 || f.Width > 596 || f.Height < 841 || f.Height > 843 {
		t.Errorf("%s: the page is %.1f x %.1f pt, not A4 (595 x 842)", name, f.Width, f.Height)
	}
	if len(f.Unembedded) > 0 {
		t.Errorf("%s: fonts not embedded: %v", name, f.Unembedded)
	}
	for _, font := range f.Fonts {
		if !strings.HasPrefix(font, "DejaVuSans") {
			t.Errorf("%s: printed with %s, not DejaVu Sans: the sizes below assume it (fonts: %v)", name, font, f.Fonts)
		}
	}
	if size := f.MinWordHeight / dejaVuBox; size < sheet.BodyPt-0.05 {
		t.Errorf("%s: the smallest text is %.2f pt, below %d pt", name, size, sheet.BodyPt)
	}
}

// report gathers figures to log once.
type report struct {
	sync.Mutex
	maxPages int
	minPt    float64
	n        int
}

func (r *report) add(f pdfFacts) {
	r.Lock()
	defer r.Unlock()
	r.n++
	r.maxPages = max(r.maxPages, f.Pages)
	if r.minPt == 0 || f.MinWordHeight/dejaVuBox < r.minPt {
		r.minPt = f.MinWordHeight / dejaVuBox
	}
}
