package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestSimCommand(t *testing.T) {
	args := []string{"sim", "--bank", "realistic", "--learners", "40", "--seed", "1", "--max-items", "10", "--json"}
	var a, b, errs bytes.Buffer
	if code := run(args, &a, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	run(args, &b, &errs)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("same seed, different bytes")
	}
	var rep struct {
		Banks []struct {
			Methods []struct {
				Method     string  `json:"method"`
				MeanLength float64 `json:"mean_length"`
			} `json:"methods"`
		} `json:"banks"`
	}
	if err := json.Unmarshal(a.Bytes(), &rep); err != nil || len(rep.Banks) != 1 || len(rep.Banks[0].Methods) < 5 {
		t.Fatalf("JSON %v: %+v", err, rep)
	}
	var table bytes.Buffer
	run([]string{"sim", "--learners", "20", "--max-items", "6", "--method", "random,ours", "--lang", "en"}, &table, &errs)
	if !strings.Contains(table.String(), "Bank realistic") || !strings.Contains(table.String(), "ours") {
		t.Errorf("table:\n%s", table.String())
	}
	if strings.Contains(table.String(), "draw") {
		t.Errorf("the seed's own draw named in the table:\n%s", table.String())
	}
	table.Reset()
	run([]string{"sim", "--learners", "20", "--max-items", "6", "--method", "random,ours", "--lang", "fr", "--draw", "3"}, &table, &errs)
	if first, _, _ := strings.Cut(table.String(), "\n"); !strings.HasSuffix(first, "au plus 6 questions, tirage 3") {
		t.Errorf("the bank line does not say the draw: %q", first)
	}
}

func TestSimCommandErrors(t *testing.T) {
	for _, args := range [][]string{
		{"sim", "--bank", "nope"},
		{"sim", "--method", "nope"},
		{"sim", "--learners", "0"},
		{"sim", "--population", "nope"},
		{"sim", "--positioning", "--competences", "mail,nope", "--learners", "2"},
	} {
		var out, errs bytes.Buffer
		if code := run(args, &out, &errs); code != 2 || errs.Len() == 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs.String())
		}
	}
	var out, errs bytes.Buffer
	if code := run([]string{"sim", "--help", "--lang", "fr"}, &out, &errs); code != 0 || !strings.Contains(out.String(), "Utilisation : pasapas sim") {
		t.Errorf("help: %d %q", code, out.String())
	}
	out.Reset()
	if code := run([]string{"sim", "--explain", "--theta", "1", "--lang", "en"}, &out, &errs); code != 0 || !strings.Contains(out.String(), "Stopped after") {
		t.Errorf("explain: %d %q", code, out.String())
	}
}
